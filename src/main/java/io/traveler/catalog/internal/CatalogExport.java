package io.traveler.catalog.internal;

import io.traveler.shared.CsvCells;
import io.traveler.shared.tenancy.TenantContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Categories, parts, products, variants and ACTIVE BOM lines as CSV with the import's headers, written row by row while
 * the query streams; importing an export changes nothing. Cells that a spreadsheet would run as a formula are
 * quoted ({@link CsvCells}).
 */
@Service
public class CatalogExport {
    /** The kind of the background job that writes {@link #parts} to a file ({@link PartsExportJob}). */
    public static final String PARTS_EXPORT_JOB = "catalog.parts-export";

    private static final int FETCH_SIZE = 1000;

    private final JdbcClient jdbc;

    CatalogExport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public void parts(Writer out) {
        write(
                out,
                ImportService.Kind.PARTS,
                "select part_number, name, kind, unit_of_measure, unit_cost from catalog.parts where org_id = :org"
                        + " order by part_number");
    }

    @Transactional(readOnly = true)
    public void products(Writer out) {
        write(
                out,
                ImportService.Kind.PRODUCTS,
                "select sku, name from catalog.products where org_id = :org order by sku");
    }

    /** Parents before their children, so the file imports in one pass. */
    @Transactional(readOnly = true)
    public void categories(Writer out) {
        write(out, ImportService.Kind.CATEGORIES, """
                with recursive tree(id, code, name, parent_code, depth) as (
                    select id, code, name, cast(null as text), 0
                      from catalog.categories where org_id = :org and parent_id is null
                    union all
                    select c.id, c.code, c.name, t.code, t.depth + 1
                      from catalog.categories c join tree t on c.org_id = :org and c.parent_id = t.id
                )
                select code, name, parent_code from tree order by depth, code
                """);
    }

    @Transactional(readOnly = true)
    public void variants(Writer out) {
        write(out, ImportService.Kind.VARIANTS, """
                select p.sku, v.code, v.sku, v.name, v.attributes::text, v.price, v.cost_price, v.status
                  from catalog.variants v join catalog.products p on p.org_id = v.org_id and p.id = v.product_id
                 where v.org_id = :org
                 order by p.sku, v.code
                """);
    }

    /** The lines of every ACTIVE bill of materials, a component named by its part number or SKU. */
    @Transactional(readOnly = true)
    public void bomLines(Writer out) {
        write(out, ImportService.Kind.BOM_LINES, """
                select p.sku, coalesce(part.part_number, sub.sku), l.quantity, l.waste_factor
                  from catalog.boms b
                  join catalog.products p on p.id = b.product_id
                  join catalog.bom_lines l on l.bom_id = b.id
                  left join catalog.parts part on l.component_type = 'PART' and part.id = l.component_id
                  left join catalog.products sub on l.component_type = 'PRODUCT' and sub.id = l.component_id
                 where b.org_id = :org and b.status = 'ACTIVE'
                 order by p.sku, l.sequence
                """);
    }

    private void write(Writer out, ImportService.Kind kind, String query) {
        int columns = kind.columns().size();
        try {
            CSVPrinter printer = CSVFormat.DEFAULT
                    .builder()
                    .setHeader(kind.columns().toArray(String[]::new))
                    .get()
                    .print(out);
            jdbc.sql(query)
                    .param("org", TenantContext.requireOrgId())
                    .withFetchSize(FETCH_SIZE)
                    .query(rs -> {
                        try {
                            for (int c = 1; c <= columns; c++) {
                                printer.print(CsvCells.escape(rs.getString(c)));
                            }
                            printer.println();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
