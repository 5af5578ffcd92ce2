package io.traveler.customers.internal;

import io.traveler.shared.CsvCells;
import io.traveler.shared.Quantities;
import io.traveler.shared.jobs.JobContext;
import io.traveler.shared.jobs.JobFailedException;
import io.traveler.shared.jobs.JobHandler;
import io.traveler.shared.jobs.RowError;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import of customers from CSV (a header naming the columns of {@link CustomerTransfers#COLUMNS}; tags separated
 * by ';', addresses as JSON objects) or from a JSON array of objects with the same fields (tags an array). Only
 * {@code name} is required; a row without a code takes the next number of the customers series. Rows are checked
 * one by one and each refusal is reported on its row and field: a code or e-mail address that an existing customer
 * or an earlier row of the file already has is a duplicate, and the row is skipped. Valid rows are created through
 * the same service as the API, {@value #BATCH_SIZE} per transaction.
 */
@Component
class CustomerImport implements JobHandler {
    static final int BATCH_SIZE = 200;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectReader ELEMENT =
            JSON.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final CSVFormat CSV = CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .get();

    private final CustomerService service;
    private final Customers customers;

    CustomerImport(CustomerService service, Customers customers) {
        this.service = service;
        this.customers = customers;
    }

    @Override
    public String kind() {
        return CustomerTransfers.IMPORT_JOB;
    }

    @Override
    public String label() {
        return "Import of customers";
    }

    @Override
    public String readPermission() {
        return "customers:read";
    }

    @Override
    public String startPermission() {
        return "customers:write";
    }

    @Override
    public Map<String, Object> run(JobContext job) {
        boolean json = "json".equals(job.parameter("format"));
        long[] total = {0};
        read(job, json, row -> total[0]++);
        job.total(total[0]);
        job.stopIfCancelled();
        var state = new State();
        List<Valid> batch = new ArrayList<>();
        long[] rowNo = {0};
        read(job, json, row -> {
            rowNo[0]++;
            Valid valid = check(job, rowNo[0], row, state);
            if (valid == null) {
                batch.add(null);
            } else {
                batch.add(valid);
            }
            if (batch.size() == BATCH_SIZE) {
                write(job, batch);
            }
        });
        write(job, batch);
        return Map.of("created", state.created, "rows", rowNo[0]);
    }

    /** Codes and e-mail addresses seen in earlier rows of the file, with their row; and how many were created. */
    private static final class State {
        final Map<String, Long> codes = new HashMap<>();
        final Map<String, Long> emails = new HashMap<>();
        long created;
    }

    private record Valid(long row, CustomerService.CustomerData data) {}

    /** Writes the valid rows of the batch; each null stands for a refused row, which counts as processed too. */
    private void write(JobContext job, List<Valid> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Valid> valid = batch.stream().filter(v -> v != null).toList();
        job.batch(batch.size(), () -> {
            for (Valid row : valid) {
                service.create(row.data());
            }
        });
        batch.clear();
    }

    /** The row as a customer to create, or null after reporting every fault it has. */
    private Valid check(JobContext job, long row, Map<String, Object> cells, State state) {
        List<RowError> errors = new ArrayList<>();
        String code = text(cells, "code", 50, errors, row);
        String name = text(cells, "name", 200, errors, row);
        if (name == null && errors.stream().noneMatch(e -> e.field().equals("name"))) {
            errors.add(new RowError(row, "name", "is required"));
        }
        String email = text(cells, "email", 254, errors, row);
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add(new RowError(row, "email", "is not an e-mail address"));
        }
        String phone = text(cells, "phone", 50, errors, row);
        Customer.Status status = null;
        String statusText = text(cells, "status", 20, errors, row);
        if (statusText != null) {
            try {
                status = Customer.Status.valueOf(statusText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(row, "status", "must be one of " + Arrays.toString(Customer.Status.values())));
            }
        }
        List<String> tags = tags(cells.get("tags"));
        if (tags.size() > 50 || tags.stream().anyMatch(t -> t.length() > 50)) {
            errors.add(new RowError(row, "tags", "at most 50 tags of at most 50 characters"));
        }
        Integer paymentTerms = null;
        String terms = text(cells, "payment_terms", 10, errors, row);
        if (terms != null) {
            try {
                paymentTerms = Integer.valueOf(terms);
                if (paymentTerms < 0 || paymentTerms > 365) {
                    errors.add(new RowError(row, "payment_terms", "must be between 0 and 365 days"));
                }
            } catch (NumberFormatException e) {
                errors.add(new RowError(row, "payment_terms", "is not a whole number of days"));
            }
        }
        BigDecimal creditLimit = null;
        String credit = text(cells, "credit_limit", 40, errors, row);
        if (credit != null) {
            try {
                creditLimit = new BigDecimal(credit);
                if (!Quantities.bounded(creditLimit) || creditLimit.signum() < 0) {
                    errors.add(new RowError(row, "credit_limit", "must be a non-negative amount"));
                }
            } catch (NumberFormatException e) {
                errors.add(new RowError(row, "credit_limit", "is not a number"));
            }
        }
        Boolean taxExempt = null;
        String exempt = text(cells, "tax_exempt", 10, errors, row);
        if (exempt != null) {
            switch (exempt.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> taxExempt = true;
                case "false", "no", "0" -> taxExempt = false;
                default -> errors.add(new RowError(row, "tax_exempt", "must be true or false"));
            }
        }
        String externalId = text(cells, "external_id", 100, errors, row);
        String billing = address(cells.get("billing_address"), "billing_address", errors, row);
        String shipping = address(cells.get("shipping_address"), "shipping_address", errors, row);
        if (errors.isEmpty()) {
            duplicates(job, row, code, email, state, errors);
        }
        if (!errors.isEmpty()) {
            for (int i = 0; i < errors.size(); i++) {
                job.errors().add(errors.get(i), i == 0);
            }
            return null;
        }
        if (code != null) {
            state.codes.put(code.toLowerCase(Locale.ROOT), row);
        }
        if (email != null) {
            state.emails.put(email.toLowerCase(Locale.ROOT), row);
        }
        state.created++;
        return new Valid(
                row,
                new CustomerService.CustomerData(
                        code,
                        name,
                        email,
                        phone,
                        billing,
                        shipping,
                        tags,
                        status,
                        paymentTerms,
                        creditLimit,
                        taxExempt,
                        externalId,
                        Set.of()));
    }

    /** A code or e-mail address an existing customer or an earlier row has (read in the organization's context). */
    private void duplicates(JobContext job, long row, String code, String email, State state, List<RowError> errors) {
        if (code != null) {
            Long earlier = state.codes.get(code.toLowerCase(Locale.ROOT));
            if (earlier != null) {
                errors.add(new RowError(row, "code", "repeats the code of row " + earlier));
            } else if (job.inTransaction(() -> customers.findByCode(code).isPresent())) {
                errors.add(new RowError(row, "code", "a customer with the code " + code + " already exists"));
            }
        }
        if (email != null) {
            Long earlier = state.emails.get(email.toLowerCase(Locale.ROOT));
            if (earlier != null) {
                errors.add(new RowError(row, "email", "repeats the e-mail address of row " + earlier));
            } else if (job.inTransaction(
                    () -> customers.findByEmailIgnoringCase(email).isPresent())) {
                errors.add(
                        new RowError(row, "email", "a customer with the e-mail address " + email + " already exists"));
            }
        }
    }

    private static String text(Map<String, Object> cells, String field, int max, List<RowError> errors, long row) {
        Object value = cells.get(field);
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > max) {
            errors.add(new RowError(row, field, "must be at most " + max + " characters"));
            return null;
        }
        if (text.indexOf('\0') >= 0) {
            errors.add(new RowError(row, field, "must not contain a NUL character"));
            return null;
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static List<String> tags(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> raw = value instanceof List<?> list
                ? ((List<Object>) list).stream().map(String::valueOf).toList()
                : Arrays.asList(value.toString().split(";"));
        return raw.stream()
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .distinct()
                .toList();
    }

    /** An address is a JSON object: as an object in JSON, as its text in CSV. */
    private static String address(Object value, String field, List<RowError> errors, long row) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            JsonNode node = value instanceof JsonNode json ? json : JSON.readTree(value.toString());
            if (!node.isObject()) {
                errors.add(new RowError(row, field, "must be a JSON object"));
                return null;
            }
            String text = JSON.writeValueAsString(node);
            if (text.contains("\\u0000")) {
                errors.add(new RowError(row, field, "must not contain a NUL character"));
                return null;
            }
            if (text.length() > 4000) {
                errors.add(new RowError(row, field, "is too long"));
                return null;
            }
            return text;
        } catch (JacksonException e) {
            errors.add(new RowError(row, field, "is not a JSON object"));
            return null;
        }
    }

    // --- reading ----------------------------------------------------------------------------------------------

    private static void read(JobContext job, boolean json, Consumer<Map<String, Object>> each) {
        if (json) {
            readJson(job, each);
        } else {
            readCsv(job, each);
        }
    }

    private static void readCsv(JobContext job, Consumer<Map<String, Object>> each) {
        try (Reader reader = Files.newBufferedReader(job.file(), StandardCharsets.UTF_8);
                CSVParser parser = CSV.parse(reader)) {
            List<String> header = parser.getHeaderNames().stream()
                    .map(h -> h.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT))
                    .toList();
            if (!header.contains("name")) {
                throw new JobFailedException("name", "the header has no name column");
            }
            for (String column : header) {
                if (!CustomerTransfers.COLUMNS.contains(column)) {
                    throw new JobFailedException(column, "is not a column of a customer import");
                }
            }
            for (CSVRecord record : parser) {
                Map<String, Object> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < record.size(); i++) {
                    cells.put(header.get(i), CsvCells.unescape(record.get(i)));
                }
                each.accept(cells);
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new JobFailedException(null, "the file is not readable CSV: " + e.getMessage());
        }
    }

    private static void readJson(JobContext job, Consumer<Map<String, Object>> each) {
        try (JsonParser parser = JSON.createParser(job.file().toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new JobFailedException(null, "the body is not a JSON array of objects");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                JsonNode element = ELEMENT.readValue(parser);
                Map<String, Object> cells = new LinkedHashMap<>();
                if (element.isObject()) {
                    for (var entry : element.properties()) {
                        JsonNode value = entry.getValue();
                        cells.put(
                                entry.getKey(),
                                value.isNull()
                                        ? null
                                        : value.isArray()
                                                ? arrayOf(value)
                                                : value.isObject() ? value : value.asString());
                    }
                } else {
                    cells.put("name", null);
                }
                each.accept(cells);
            }
        } catch (JacksonException e) {
            throw new JobFailedException(null, "the body is not readable JSON: " + e.getOriginalMessage());
        }
    }

    private static List<String> arrayOf(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
