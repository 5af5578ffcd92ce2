package io.traveler.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.accounts.internal.Location;
import io.traveler.accounts.internal.LocationService;
import io.traveler.catalog.internal.CatalogService;
import io.traveler.catalog.internal.Part;
import io.traveler.inventory.internal.PurchaseOrder;
import io.traveler.inventory.internal.PurchaseOrderSheets;
import io.traveler.inventory.internal.Purchasing;
import io.traveler.inventory.internal.Purchasing.LineData;
import io.traveler.inventory.internal.Purchasing.OrderData;
import io.traveler.inventory.internal.Purchasing.ReceiptLine;
import io.traveler.inventory.internal.Reordering;
import io.traveler.inventory.internal.SupplierService;
import io.traveler.inventory.internal.SupplierService.SupplierData;
import io.traveler.inventory.internal.SupplierService.SupplierPartData;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.StaleVersionException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import io.traveler.testing.Tenants;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Purchase orders to suppliers from draft to received: receipts in parts make lots and RECEIPT movements at the
 * chosen location with the order as their reference, never take a line beyond what was ordered (not even two at
 * once), and only the states that allow a change make it; the PDF to send reads back as the order; a part at or
 * below its reorder point is suggested from its preferred supplier and drafted once.
 */
@ApplicationTest
class PurchasingTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    SupplierService suppliers;

    @Autowired
    Purchasing purchasing;

    @Autowired
    Reordering reordering;

    @Autowired
    CatalogService catalog;

    @Autowired
    LocationService locations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    /** Reads the admin's rows (row-level security sees the organization inside a transaction). */
    private <T> T read(java.util.function.Supplier<T> query) {
        return admin.call(() -> transactions.execute(tx -> query.get()));
    }

    private Tenants.Member admin;
    private UUID store;
    private UUID fabric;
    private UUID zipper;
    private UUID supplier;

    @BeforeEach
    void aSupplierSellingTwoParts() {
        admin = Tenants.in(context).organization("FACTORY");
        admin.run(() -> {
            store = locations.create("STORE", "Store", Location.Kind.SITE, null).id();
            fabric = part("FAB-1", "Cordura fabric, black", "m", "8.00");
            zipper = part("ZIP-5", "Coil zipper #5", "pcs", "0.80");
            supplier = suppliers
                    .create(new SupplierData(
                            "TEXCO",
                            "Texco Textiles",
                            "orders@texco.example",
                            null,
                            "Weberstraße 1\n12345 Stoffdorf",
                            "EUR",
                            10,
                            null,
                            null,
                            Set.of()))
                    .id();
            suppliers.addPart(
                    supplier,
                    new SupplierPartData(fabric, "TX-CORD-BLK", new BigDecimal("7.50"), 12, null, true, Set.of()));
            suppliers.addPart(
                    supplier,
                    new SupplierPartData(zipper, "TX-Z5", new BigDecimal("0.70"), null, null, null, Set.of()));
        });
    }

    private UUID part(String number, String name, String unit, String cost) {
        return catalog.createPart(new CatalogService.PartData(
                        number,
                        name,
                        null,
                        Part.Kind.MATERIAL,
                        unit,
                        new BigDecimal(cost),
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        Part.Status.ACTIVE,
                        null,
                        Set.of()))
                .id();
    }

    private Purchasing.OrderWithLines sentOrder(String fabricQuantity, String zipperQuantity) {
        return admin.call(() -> {
            var draft = purchasing.create(new OrderData(
                    supplier,
                    LocalDate.now().plusDays(10),
                    null,
                    List.of(
                            new LineData(fabric, new BigDecimal(fabricQuantity), null, null, null),
                            new LineData(zipper, new BigDecimal(zipperQuantity), null, null, null)),
                    Set.of()));
            return purchasing.send(draft.order().id(), ExpectedVersion.none());
        });
    }

    private long movementsOf(UUID orderId) {
        return read(() -> jdbc.sql("select count(*) from inventory.movements where reference_id = :id")
                .param("id", orderId)
                .query(Long.class)
                .single());
    }

    @Test
    void receivingInPartsMakesLotsAndReceiptMovementsAtTheLocationAndMovesTheOrderOnToReceived() {
        var order = sentOrder("100", "40");
        UUID id = order.order().id();
        assertThat(order.order().code()).startsWith("PO-");
        assertThat(order.lines())
                .extracting(l -> l.unitPrice().stripTrailingZeros().toPlainString(), l -> l.supplierSku())
                .as("prices and SKUs from what the supplier sells")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("7.5", "TX-CORD-BLK"),
                        org.assertj.core.groups.Tuple.tuple("0.7", "TX-Z5"));
        UUID fabricLine = order.lines().get(0).id();
        UUID zipperLine = order.lines().get(1).id();

        var first = admin.call(() -> purchasing.receive(
                id,
                ExpectedVersion.none(),
                List.of(
                        new ReceiptLine(fabricLine, new BigDecimal("60"), store, "ROLL-A", LocalDate.of(2030, 1, 1)),
                        new ReceiptLine(zipperLine, new BigDecimal("40"), store, null, null))));
        assertThat(first.order().order().status()).isEqualTo(PurchaseOrder.Status.PARTIALLY_RECEIVED);
        assertThat(first.received()).hasSize(2);
        assertThat(first.received().getFirst().posted().kind()).isEqualTo("RECEIPT");
        assertThat(first.received().getFirst().posted().lotNumber()).isEqualTo("ROLL-A");

        var lot = read(() -> jdbc.sql("""
                        select l.supplier_id, l.unit_cost, l.expires_on, b.on_hand
                          from inventory.lots l join inventory.balances b on b.lot_id = l.id
                         where l.part_id = :part and b.location_id = :store
                        """)
                .param("part", fabric)
                .param("store", store)
                .query((rs, n) -> List.of(
                        rs.getObject(1),
                                rs.getBigDecimal(2).stripTrailingZeros().toPlainString(),
                        rs.getObject(3, LocalDate.class),
                                rs.getBigDecimal(4).stripTrailingZeros().toPlainString()))
                .single());
        assertThat(lot).containsExactly(supplier, "7.5", LocalDate.of(2030, 1, 1), "60");

        var second = admin.call(() -> purchasing.receive(
                id,
                ExpectedVersion.none(),
                List.of(new ReceiptLine(fabricLine, new BigDecimal("40"), store, "ROLL-B", null))));
        assertThat(second.order().order().status()).isEqualTo(PurchaseOrder.Status.RECEIVED);
        assertThat(second.order().lines())
                .allSatisfy(l -> assertThat(l.outstanding()).isZero());

        var history = admin.call(() -> purchasing.receipts(id));
        assertThat(history)
                .extracting(
                        r -> r.lotNumber(),
                        r -> r.quantity().stripTrailingZeros().toPlainString())
                .hasSize(3)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("ROLL-A", "60"),
                        org.assertj.core.groups.Tuple.tuple("ROLL-B", "40"));
        assertThat(history).allSatisfy(r -> assertThat(r.locationId()).isEqualTo(store));
        assertThat(movementsOf(id)).isEqualTo(3);
        var kinds = read(() -> jdbc.sql(
                        "select distinct kind || ' ' || reference_type from inventory.movements where reference_id = :id")
                .param("id", id)
                .query(String.class)
                .list());
        assertThat(kinds).containsExactly("RECEIPT PURCHASE_ORDER");
    }

    @Test
    void aReceiptBeyondWhatIsStillToComeIsRefusedNamingTheLineAndWritesNothing() {
        var order = sentOrder("10", "5");
        UUID id = order.order().id();
        UUID fabricLine = order.lines().get(0).id();
        admin.run(() -> purchasing.receive(
                id,
                ExpectedVersion.none(),
                List.of(new ReceiptLine(fabricLine, new BigDecimal("6"), store, null, null))));

        var api = new Api(port);
        var token = Tenants.in(context).signedIn(admin);
        var refused = api.post("/api/inventory/purchase-orders/" + id + "/receipts")
                .as(token)
                .body(Map.of(
                        "location_id",
                        store,
                        "lines",
                        List.of(
                                Map.of("line_id", order.lines().get(1).id(), "quantity", 5),
                                Map.of("line_id", fabricLine, "quantity", 3),
                                Map.of("line_id", fabricLine, "quantity", 2))))
                .send();
        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.json().path("errors").get(0).path("field").asString())
                .isEqualTo("lines[2].quantity");
        assertThat(refused.json().path("errors").get(0).path("message").asString())
                .contains("4 of 10 ordered");
        assertThat(movementsOf(id))
                .as("the zipper line of the refused receipt left nothing")
                .isEqualTo(1);
        var now = admin.call(() -> purchasing.order(id));
        assertThat(now.order().status()).isEqualTo(PurchaseOrder.Status.PARTIALLY_RECEIVED);
        assertThat(now.lines().get(1).receivedQuantity()).isZero();

        var received = api.post("/api/inventory/purchase-orders/" + id + "/receipts")
                .as(token)
                .body(Map.of("location_id", store, "lines", List.of(Map.of("line_id", fabricLine, "quantity", 4))))
                .send();
        assertThat(received.status()).as("%s", received).isEqualTo(201);
        assertThat(received.json().path("movements").get(0).path("lot_id").asString())
                .isNotBlank();
        assertThat(received.json()
                        .path("purchase_order")
                        .path("lines")
                        .get(0)
                        .path("outstanding")
                        .decimalValue())
                .isZero();
    }

    @Test
    void twoReceiptsOfTheLastQuantitiesAtOnceTakeTurnsAndOnlyOneIsTaken() {
        var order = sentOrder("8", "1");
        UUID id = order.order().id();
        UUID fabricLine = order.lines().get(0).id();
        var outcome = Parallel.attempt(
                2,
                i -> admin.call(() -> purchasing.receive(
                        id,
                        ExpectedVersion.none(),
                        List.of(new ReceiptLine(fabricLine, new BigDecimal("5"), store, null, null)))));
        assertThat(outcome.results()).hasSize(1);
        assertThat(outcome.failures()).singleElement().isInstanceOf(ValidationException.class);
        assertThat(admin.call(() -> purchasing.order(id)).lines().getFirst().receivedQuantity())
                .isEqualByComparingTo("5");
        assertThat(movementsOf(id)).isEqualTo(1);
    }

    @Test
    void onlyADraftChangesItsLinesOrIsDeletedAndOnlyASentOrderIsReceived() {
        admin.run(() -> {
            var draft = purchasing.create(new OrderData(supplier, null, null, List.of(), Set.of()));
            UUID id = draft.order().id();
            assertThatThrownBy(() -> purchasing.send(id, ExpectedVersion.none()))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("no lines");
            purchasing.change(
                    id,
                    ExpectedVersion.any(),
                    new OrderData(
                            null,
                            null,
                            null,
                            List.of(new LineData(zipper, new BigDecimal("3"), new BigDecimal("0.65"), "Z", null)),
                            Set.of()));
            assertThatThrownBy(() -> purchasing.receive(
                            id,
                            ExpectedVersion.none(),
                            List.of(new ReceiptLine(
                                    purchasing.order(id).lines().getFirst().id(), BigDecimal.ONE, store, null, null))))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("send it");
            var sent = purchasing.send(id, ExpectedVersion.none());
            assertThat(sent.order().status()).isEqualTo(PurchaseOrder.Status.SENT);
            assertThat(sent.lines().getFirst().unitPrice()).isEqualByComparingTo("0.65");
            assertThatThrownBy(() -> purchasing.change(
                            id, ExpectedVersion.any(), new OrderData(null, null, null, List.of(), Set.of())))
                    .isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> purchasing.delete(id, ExpectedVersion.any()))
                    .isInstanceOf(ConflictException.class);
            var later = purchasing.change(
                    id, ExpectedVersion.any(), new OrderData(null, LocalDate.of(2031, 5, 1), "late", null, Set.of()));
            assertThat(later.order().expectedOn()).isEqualTo(LocalDate.of(2031, 5, 1));
            var cancelled = purchasing.cancel(id, ExpectedVersion.none());
            assertThat(cancelled.order().status()).isEqualTo(PurchaseOrder.Status.CANCELLED);
            assertThatThrownBy(() -> purchasing.cancel(id, ExpectedVersion.none()))
                    .isInstanceOf(ConflictException.class);

            var other = purchasing.create(new OrderData(supplier, null, null, List.of(), Set.of()));
            purchasing.delete(other.order().id(), ExpectedVersion.any());
            assertThatThrownBy(() -> suppliers.delete(supplier, ExpectedVersion.any()))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("deactivate");
        });
    }

    @Test
    void replacingOnlyTheLinesMovesTheVersionSoAnEditFromTheOldVersionIsStale() {
        admin.run(() -> {
            var draft = purchasing.create(new OrderData(supplier, null, null, List.of(), Set.of()));
            UUID id = draft.order().id();
            long read = draft.order().version();
            var first = purchasing.change(
                    id,
                    ExpectedVersion.of(read),
                    new OrderData(
                            null,
                            null,
                            null,
                            List.of(new LineData(zipper, new BigDecimal("3"), new BigDecimal("0.65"), "Z", null)),
                            Set.of()));
            assertThat(first.order().version()).isGreaterThan(read);
            assertThatThrownBy(() -> purchasing.change(
                            id,
                            ExpectedVersion.of(read),
                            new OrderData(
                                    null,
                                    null,
                                    null,
                                    List.of(new LineData(fabric, BigDecimal.ONE, BigDecimal.ONE, "F", null)),
                                    Set.of())))
                    .isInstanceOf(StaleVersionException.class);
            assertThat(purchasing.order(id).lines()).singleElement().satisfies(line -> assertThat(line.partId())
                    .isEqualTo(zipper));
        });
    }

    @Test
    void thePdfToSendNamesTheOrderTheSupplierItsLinesAndTheTotal() throws Exception {
        var order = sentOrder("12.5", "40");
        var sheet = admin.call(() -> purchasing.sheet(order.order().id()));
        var out = new ByteArrayOutputStream();
        PurchaseOrderSheets.write(sheet, out);
        Path pdf = Files.createTempFile("purchase-order-", ".pdf");
        try {
            Files.write(pdf, out.toByteArray());
            var process = new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).isZero();
            assertThat(text)
                    .contains("Purchase order " + order.order().code())
                    .contains("Texco Textiles (TEXCO)", "Weberstraße 1", "orders@texco.example")
                    .contains("FAB-1", "TX-CORD-BLK", "Cordura fabric, black", "12.5 m", "7.50", "93.75")
                    .contains("ZIP-5", "40 pcs", "0.70", "28.00")
                    .contains("Total EUR", "121.75");
        } finally {
            Files.deleteIfExists(pdf);
        }

        var api = new Api(port);
        var response = api.get("/api/inventory/purchase-orders/" + order.order().id() + "/pdf")
                .as(Tenants.in(context).signedIn(admin))
                .send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/pdf");
    }

    @Test
    void aPartAtOrBelowItsReorderPointIsSuggestedFromItsPreferredSupplierAndDraftedOncePerSupplier() {
        admin.run(() -> {
            UUID cheaper = suppliers
                    .create(new SupplierData("CHEAP", "Cheap Zips", null, null, null, "EUR", 30, null, null, Set.of()))
                    .id();
            suppliers.addPart(
                    cheaper,
                    new SupplierPartData(
                            zipper, null, new BigDecimal("0.50"), null, new BigDecimal("500"), null, Set.of()));
            UUID nobodysPart = part("GLUE-1", "Glue", "l", "4.00");

            var fabricSetting =
                    reordering.set(fabric, ExpectedVersion.any(), new BigDecimal("20"), new BigDecimal("50"));
            assertThat(fabricSetting.low())
                    .as("nothing on hand is at or below 20")
                    .isTrue();
            reordering.set(zipper, ExpectedVersion.any(), new BigDecimal("100"), new BigDecimal("200"));
            reordering.set(nobodysPart, ExpectedVersion.any(), BigDecimal.ONE, BigDecimal.TEN);

            var suggestions = reordering
                    .suggestions(io.traveler.shared.paging.PageRequest.of(50, null, null, Set.of(), ""))
                    .items();
            assertThat(suggestions).hasSize(3);
            var forFabric = suggestions.stream()
                    .filter(s -> s.part().id().equals(fabric))
                    .findFirst()
                    .orElseThrow();
            assertThat(forFabric.suggestedQuantity())
                    .as("up to point + quantity")
                    .isEqualByComparingTo("70");
            assertThat(forFabric.supplier().id()).as("the preferred supplier").isEqualTo(supplier);
            assertThat(forFabric.unitPrice()).isEqualByComparingTo("7.50");
            assertThat(forFabric.leadTimeDays()).isEqualTo(12);
            var forZipper = suggestions.stream()
                    .filter(s -> s.part().id().equals(zipper))
                    .findFirst()
                    .orElseThrow();
            assertThat(forZipper.supplier().id())
                    .as("no preference: the cheapest")
                    .isEqualTo(cheaper);
            assertThat(forZipper.suggestedQuantity())
                    .as("at least the supplier's minimum")
                    .isEqualByComparingTo("500");
            assertThat(forZipper.leadTimeDays())
                    .as("the supplier's own lead time")
                    .isEqualTo(30);

            var drafted = reordering.draftOrders(null);
            assertThat(drafted.withoutSupplier()).containsExactly(nobodysPart);
            assertThat(drafted.orders()).hasSize(2).allSatisfy(o -> {
                assertThat(o.order().status()).isEqualTo(PurchaseOrder.Status.DRAFT);
                assertThat(o.lines()).hasSize(1);
            });
            assertThat(drafted.orders())
                    .extracting(o -> o.order().supplierId())
                    .containsExactlyInAnyOrder(supplier, cheaper);

            var again = reordering
                    .suggestions(io.traveler.shared.paging.PageRequest.of(50, null, null, Set.of(), ""))
                    .items();
            assertThat(again.stream().filter(s -> !s.part().id().equals(nobodysPart)))
                    .as("what is on order is not suggested again")
                    .allSatisfy(s -> assertThat(s.suggestedQuantity()).isZero());
            assertThat(reordering.draftOrders(null).orders()).isEmpty();

            reordering.set(fabric, ExpectedVersion.any(), null, null);
            assertThat(reordering.setting(fabric).low()).isFalse();
        });
    }
}
