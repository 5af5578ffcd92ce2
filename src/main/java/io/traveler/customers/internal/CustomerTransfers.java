package io.traveler.customers.internal;

import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jobs.JobRunner;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Customers in and out of the organization through the shared job runner: an import of CSV or JSON ({@link
 * CustomerImport}), an export to CSV or XLSX ({@link CustomerExport}). Both files have the same columns, so an export
 * imports into another organization as it is.
 */
@Service
public class CustomerTransfers {
    public static final String IMPORT_JOB = "customers.import";
    public static final String EXPORT_JOB = "customers.export";

    /** The columns of both files, in order. */
    public static final List<String> COLUMNS = List.of(
            "code",
            "name",
            "email",
            "phone",
            "status",
            "tags",
            "payment_terms",
            "credit_limit",
            "tax_exempt",
            "external_id",
            "billing_address",
            "shipping_address");

    private final JobRunner jobs;

    CustomerTransfers(JobRunner jobs) {
        this.jobs = jobs;
    }

    /** Queues an import of {@code content} ({@code csv} or {@code json}); 413/429 as the job runner decides. */
    public UUID startImport(String format, InputStream content) {
        String chosen = choose("format", format, List.of("csv", "json"));
        return jobs.start(IMPORT_JOB, Map.of("format", chosen), content);
    }

    /** Queues an export ({@code csv} or {@code xlsx}) of the customers the filters select. */
    public UUID startExport(String format, String q, Customer.Status status) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("format", choose("format", format, List.of("csv", "xlsx")));
        if (q != null && !q.isBlank()) {
            parameters.put("q", q.strip());
        }
        if (status != null) {
            parameters.put("status", status.name());
        }
        return jobs.start(EXPORT_JOB, parameters, null);
    }

    private static String choose(String field, String value, List<String> allowed) {
        String chosen = value == null ? allowed.get(0) : value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(chosen)) {
            throw new ValidationException(field, "must be one of " + String.join(", ", allowed));
        }
        return chosen;
    }
}
