package io.traveler.catalog.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Parts and products as CSV with the import's headers, written row by row while the query streams. */
@Service
public class CatalogExport {
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
                "select part_number, name, kind, unit_of_measure, unit_cost from catalog.parts order by part_number");
    }

    @Transactional(readOnly = true)
    public void products(Writer out) {
        write(out, ImportService.Kind.PRODUCTS, "select sku, name from catalog.products order by sku");
    }

    private void write(Writer out, ImportService.Kind kind, String query) {
        int columns = kind.columns().size();
        try {
            CSVPrinter printer = CSVFormat.DEFAULT
                    .builder()
                    .setHeader(kind.columns().toArray(String[]::new))
                    .get()
                    .print(out);
            jdbc.sql(query).withFetchSize(FETCH_SIZE).query(rs -> {
                try {
                    for (int c = 1; c <= columns; c++) {
                        printer.print(rs.getString(c));
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
