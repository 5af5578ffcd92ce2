package io.traveler.configurator.internal;

import io.traveler.catalog.Catalog;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The custom parts CUSTOM_PART rules mint: one part per distinct specification (its name and computed
 * specifications), numbered in the organization's {@code custom_parts} series ({@code 700-000123}). A specification
 * is claimed by the hash of its canonical JSON before its part is made, with {@code insert … on conflict do
 * nothing}: a parallel generation of the same specification waits on the claim, then finds the part and reuses it,
 * so no twin is minted and no number is taken for nothing.
 */
@Component
class CustomParts {
    static final String SERIES = "custom_parts";

    /** How many taken part numbers (parts numbered by hand inside the series) a mint steps over before giving up. */
    private static final int MAX_SKIPPED_NUMBERS = 100;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final OrganizationSettings settings;

    CustomParts(JdbcClient jdbc, Catalog catalog, OrganizationSettings settings) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.settings = settings;
    }

    /** A custom part for a specification: minted now ({@code minted}) or the one an earlier generation made. */
    record CustomPart(UUID partId, String partNumber, String specHash, boolean minted) {}

    /**
     * The part of each specification, in the order given (equal specifications answer the same part). Claims are
     * taken in hash order so two generations claiming the same specifications cannot wait on each other in a cycle.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<CustomPart> partsFor(List<Evaluation.CustomPartSpec> specs) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            requireMintable(i, specs.get(i));
            hashes.add(hashOf(specs.get(i)));
        }
        Map<String, CustomPart> byHash = new TreeMap<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(hashes::get));
        for (int i : order) {
            String hash = hashes.get(i);
            if (!byHash.containsKey(hash)) {
                byHash.put(hash, claim(hash, specs.get(i)));
            }
        }
        return hashes.stream().map(byHash::get).toList();
    }

    private CustomPart claim(String hash, Evaluation.CustomPartSpec spec) {
        UUID partId = Ids.newId();
        String specifications = canonical(spec.specifications() == null ? Map.of() : spec.specifications());
        Optional<UUID> claimed = jdbc.sql("""
                        insert into configurator.custom_parts (org_id, spec_hash, part_id, specifications, created_at)
                        values (:org, :hash, :part, cast(:specifications as jsonb), :now)
                        on conflict do nothing
                        returning part_id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("hash", hash)
                .param("part", partId)
                .param("specifications", specifications)
                .param("now", Timestamp.from(Instant.now()))
                .query(UUID.class)
                .optional();
        if (claimed.isEmpty()) {
            UUID existing = jdbc.sql("select part_id from configurator.custom_parts where spec_hash = :hash")
                    .param("hash", hash)
                    .query(UUID.class)
                    .single();
            String number = catalog.parts(List.of(existing)).get(existing).partNumber();
            return new CustomPart(existing, number, hash, false);
        }
        var part = catalog.createCustomPart(new Catalog.NewCustomPart(
                partId,
                freeNumber(),
                spec.name().trim(),
                unitOf(spec),
                spec.unitCost() == null ? BigDecimal.ZERO : spec.unitCost(),
                specifications));
        return new CustomPart(part.id(), part.partNumber(), hash, true);
    }

    /** The series' next number no part holds yet: a part numbered by hand inside the series is stepped over. */
    private String freeNumber() {
        for (int i = 0; i < MAX_SKIPPED_NUMBERS; i++) {
            String number = settings.nextNumber(SERIES);
            if (catalog.partByNumber(number).isEmpty()) {
                return number;
            }
        }
        throw new ConflictException("The custom parts series gave " + MAX_SKIPPED_NUMBERS
                + " numbers in a row that parts already hold; move its next number past them in the settings");
    }

    private static String unitOf(Evaluation.CustomPartSpec spec) {
        return spec.unitOfMeasure() == null || spec.unitOfMeasure().isBlank()
                ? "EA"
                : spec.unitOfMeasure().trim();
    }

    /** What the catalog would refuse as a part, refused first, naming the rule that computed it. */
    private static void requireMintable(int index, Evaluation.CustomPartSpec spec) {
        String rule = "custom_parts[" + index + "]";
        String from = spec.ruleId() == null ? "" : " (computed by rule " + spec.ruleId() + ")";
        if (spec.name() == null || spec.name().isBlank() || spec.name().trim().length() > 200) {
            throw new ValidationException(rule + ".name", "must be 1 to 200 characters" + from);
        }
        if (spec.unitCost() != null && spec.unitCost().signum() < 0) {
            throw new ValidationException(rule + ".unit_cost", "must not be negative" + from);
        }
        if (unitOf(spec).length() > 20) {
            throw new ValidationException(rule + ".unit_of_measure", "must be at most 20 characters" + from);
        }
    }

    /** sha256 of the canonical JSON of {@code {"name", "specifications"}}: keys sorted, numbers plain. */
    static String hashOf(Evaluation.CustomPartSpec spec) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("name", spec.name() == null ? null : spec.name().trim());
        identity.put("specifications", spec.specifications() == null ? Map.of() : spec.specifications());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(identity).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON with every object's keys sorted and every number written plainly (2.50 and 2.5 are one number). */
    static String canonical(Object value) {
        return JSON.writeValueAsString(sorted(value));
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CustomParts::sorted).toList();
        }
        if (value instanceof BigDecimal d) {
            return d.signum() == 0
                    ? BigDecimal.ZERO
                    : new BigDecimal(d.stripTrailingZeros().toPlainString());
        }
        if (value instanceof Double d) {
            return sorted(BigDecimal.valueOf(d));
        }
        if (value instanceof Float f) {
            return sorted(BigDecimal.valueOf(f));
        }
        if (value instanceof Number n) {
            return sorted(new BigDecimal(n.toString()));
        }
        return value;
    }
}
