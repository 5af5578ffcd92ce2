package io.traveler.catalog.internal;

import io.traveler.shared.jobs.JobFailedException;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of an import's file, streamed off the disk whatever its format: CSV through Apache Commons CSV (UTF-8, a
 * leading byte order mark skipped, the header required and naming the kind's required columns, row 0), JSON through
 * Jackson's streaming parser one array element at a time (element n is row n). A file of more than
 * {@code traveler.imports.max-rows} rows, or one that cannot be read, fails the job with a row-0 error. Kinds whose
 * rows refer to each other read them all ({@link #readAll}); the others read batches ({@link #eachBatch}) and hold
 * one batch at a time.
 */
final class ImportReader {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** One element of an array read off a streaming parser: the rest of the array follows it. */
    private static final ObjectReader ELEMENT =
            JSON.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final CSVFormat CSV = CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .get();

    /** A batch of consecutive rows; {@code firstRow} is the number of its first (from 1). */
    interface Batch {
        void accept(long firstRow, List<ImportRow> rows);
    }

    private final ImportService.Kind kind;
    private final ImportService.Format format;
    private final Path file;
    private final long maxRows;

    ImportReader(ImportService.Kind kind, ImportService.Format format, Path file, long maxRows) {
        this.kind = kind;
        this.format = format;
        this.file = file;
        this.maxRows = maxRows;
    }

    /** How many rows the file has; reads it through once, so an unreadable file fails before anything is written. */
    long count() {
        long[] rows = {0};
        each(row -> rows[0]++);
        return rows[0];
    }

    /** Every row, in order. */
    List<ImportRow> readAll() {
        List<ImportRow> rows = new ArrayList<>();
        each(rows::add);
        return rows;
    }

    /** The rows after the first {@code skip}, {@code size} at a time. */
    void eachBatch(int size, long skip, Batch batch) {
        List<ImportRow> rows = new ArrayList<>(size);
        long[] number = {0};
        long[] first = {skip + 1};
        each(row -> {
            if (++number[0] <= skip) {
                return;
            }
            rows.add(row);
            if (rows.size() == size) {
                batch.accept(first[0], List.copyOf(rows));
                first[0] += rows.size();
                rows.clear();
            }
        });
        if (!rows.isEmpty()) {
            batch.accept(first[0], List.copyOf(rows));
        }
    }

    private void each(Consumer<ImportRow> consumer) {
        long[] rows = {0};
        Consumer<ImportRow> bounded = row -> {
            if (++rows[0] > maxRows) {
                throw new JobFailedException(
                        null, "the file has more than " + maxRows + " rows, as many as an import may have; split it");
            }
            consumer.accept(row);
        };
        if (format == ImportService.Format.JSON) {
            eachJson(bounded);
        } else {
            eachCsv(bounded);
        }
    }

    private void eachCsv(Consumer<ImportRow> consumer) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = parse(reader)) {
            for (String column : kind.required()) {
                if (!parser.getHeaderNames().contains(column)) {
                    throw new JobFailedException(column, "the header has no column " + column);
                }
            }
            Iterator<CSVRecord> records = parser.iterator();
            for (CSVRecord record = next(records); record != null; record = next(records)) {
                consumer.accept(new ImportRow.Csv(record));
            }
        } catch (IOException e) {
            throw unreadableCsv(e);
        }
    }

    private static CSVParser parse(Reader reader) throws IOException {
        try {
            return CSV.parse(withoutByteOrderMark(reader));
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw unreadableCsv(e);
        }
    }

    /** The next record, or null after the last; what the parser cannot read fails the job (not what the job does). */
    private static CSVRecord next(Iterator<CSVRecord> records) {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw unreadableCsv(e);
        }
    }

    private static JobFailedException unreadableCsv(Exception e) {
        return new JobFailedException(null, "the file is not readable CSV: " + e.getMessage());
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first >= 0 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    private void eachJson(Consumer<ImportRow> consumer) {
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new JobFailedException(null, "the body is not a JSON array of objects");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                consumer.accept(new ImportRow.Json(ELEMENT.readValue(parser)));
            }
            if (parser.nextToken() != null) {
                throw new JobFailedException(null, "the body is not readable JSON: more follows the array");
            }
        } catch (JacksonException e) {
            throw new JobFailedException(null, "the body is not readable JSON: " + e.getOriginalMessage());
        }
    }
}
