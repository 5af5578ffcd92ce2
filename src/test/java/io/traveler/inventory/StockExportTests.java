package io.traveler.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.inventory.internal.StockExport;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The stock and the ledger as XLSX, read back with POI's own (non-streaming) reader. */
@ApplicationTest
class StockExportTests {
    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    Tenants.Member admin;
    StockFixtures room;
    UUID cloth;
    UUID formula;
    UUID bin;
    UUID rack;

    @BeforeEach
    void setUp() {
        admin = Tenants.in(context).organization("FACTORY");
        room = StockFixtures.of(context, admin);
        cloth = room.part("CLOTH-1", "2.00");
        formula = room.part("=HYPERLINK(\"http://evil\")", "1.00");
        bin = room.location("BIN-1");
        rack = room.location("RACK-1");
    }

    @Test
    void theStockSheetHasARowPerPartLocationAndLotWithItsValue() throws Exception {
        room.receive(cloth, bin, "10", "A", "2.00");
        room.receive(cloth, rack, "4", "B", "3.00");
        room.receive(formula, bin, "1", "F", "1.00");

        var response = get(
                "/api/inventory/export/stock.xlsx",
                Tenants.in(context).signedIn(admin).token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(StockExport.MEDIA_TYPE);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("stock.xlsx"));
        List<List<String>> rows = rows(response.body());
        assertThat(rows.getFirst()).startsWith("Part number", "Part name", "Unit", "Location");
        assertThat(rows)
                .as("sorted by part number, then location code; the value at the moving average cost")
                .extracting(r -> String.join("|", r.get(0), r.get(3), r.get(5), r.get(9)))
                .containsExactly(
                        "Part number|Location|Lot|On hand",
                        "=HYPERLINK(\"http://evil\")|BIN-1|F|1",
                        "CLOTH-1|BIN-1|A|10",
                        "CLOTH-1|RACK-1|B|4");
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(1).getCell(0).getCellType())
                    .as("a text beginning with = is text, never a formula")
                    .isEqualTo(CellType.STRING);
            double averageCost = (10 * 2.0 + 4 * 3.0) / 14;
            assertThat(sheet.getRow(2).getCell(13).getNumericCellValue())
                    .isCloseTo(10 * averageCost, org.assertj.core.data.Offset.offset(0.01));
            assertThat(new BigDecimal(sheet.getRow(3).getCell(12).getNumericCellValue()))
                    .as("the lot's own cost")
                    .isEqualByComparingTo("3");
        }
    }

    @Test
    void theLedgerSheetIsNewestFirstAndOfOnePartWhenAskedAnotherOrganizationsPartIsNotFound() throws Exception {
        room.receive(cloth, bin, "10", "A", "2.00");
        room.receive(formula, bin, "1", "F", "1.00");
        admin.run(() -> room.transactions()
                .executeWithoutResult(s -> room.ledger().transfer(cloth, null, bin, rack, new BigDecimal("3"))));
        var pages = PageSession.signIn(port, admin.email());

        var download = pages.download("/app/inventory/export/movements.xlsx?part_id=" + cloth);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(rows(download.body()))
                .extracting(r -> String.join("|", r.get(2), r.get(3), r.get(5), r.get(6), r.get(7)))
                .containsExactly(
                        "Kind|Part number|From|To|Quantity",
                        "TRANSFER|CLOTH-1|BIN-1|RACK-1|3",
                        "RECEIPT|CLOTH-1||BIN-1|10");

        var stranger = Tenants.in(context).signedIn("FACTORY");
        var foreign = new Api(port)
                .get("/api/inventory/export/movements.xlsx?part_id=" + cloth)
                .as(stranger)
                .send();
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
    }

    private HttpResponse<byte[]> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Every row of the first sheet as the cells' formatted text ("" for none). */
    static List<List<String>> rows(byte[] xlsx) throws Exception {
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            DataFormatter format = new DataFormatter();
            List<List<String>> rows = new ArrayList<>();
            for (Row row : workbook.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    var cell = row.getCell(c);
                    cells.add(cell == null ? "" : format.formatCellValue(cell));
                }
                while (cells.size() < 14) {
                    cells.add("");
                }
                rows.add(cells);
            }
            return rows;
        }
    }
}
