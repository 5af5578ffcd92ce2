package io.traveler.shared.jobs;

import io.traveler.shared.CsvCells;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A job's stored errors as CSV ({@code row,field,message}); cells a spreadsheet would run as formulas are quoted
 * ({@link CsvCells}). At most {@code traveler.jobs.max-stored-errors} rows, so written whole.
 */
final class JobErrorsCsv {
    private JobErrorsCsv() {}

    static String of(JobRunner jobs, UUID id) {
        StringBuilder csv = new StringBuilder();
        try (CSVPrinter printer = CSVFormat.DEFAULT.print(csv)) {
            printer.printRecord("row", "field", "message");
            jobs.eachError(id, error -> {
                try {
                    printer.printRecord(error.row(), CsvCells.escape(error.field()), CsvCells.escape(error.message()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return csv.toString();
    }
}
