package io.traveler.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.inventory.StockFixtures;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A sheet at its cap stops reading the database there (one row past it tells that the sheet was cut). */
@ApplicationTest
class StockExportCapTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    StockExport export;

    @Test
    void theStockSheetReadsOneRowPastItsCapAndNoMore() throws Exception {
        var admin = Tenants.in(context).organization("FACTORY");
        var room = StockFixtures.of(context, admin);
        UUID cloth = room.part("CLOTH-1", "2.00");
        UUID bin = room.location("BIN-1");
        for (String lot : new String[] {"A", "B", "C", "D", "E"}) {
            room.receive(cloth, bin, "1", lot, "2.00");
        }
        var out = new ByteArrayOutputStream();

        int read = admin.call(() -> room.transactions().execute(tx -> export.stock(() -> out, 2)));

        assertThat(read).as("two rows and the one that shows the cut, of five").isEqualTo(3);
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).startsWith("Cut at 2 rows");
        }
    }
}
