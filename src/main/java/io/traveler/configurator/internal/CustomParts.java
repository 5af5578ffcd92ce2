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
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
     * The part of each specification, in the order given (equal specifications answer the same part). Every hash is
     * claimed first, in hash order, and only then do the winners take their numbers, as one block of the series: a
     * generation waits on another's claim only while it holds claims that sort lower, never the series row, so two
     * generations whose specifications overlap cannot wait on each other in a cycle.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<CustomPart> partsFor(List<Evaluation.CustomPartSpec> specs) {
        List<String> hashes = hashesOf(specs);
        Map<String, Evaluation.CustomPartSpec> byHash = new TreeMap<>();
        for (int i = 0; i < specs.size(); i++) {
            byHash.putIfAbsent(hashes.get(i), specs.get(i));
        }
        Map<String, CustomPart> parts = new TreeMap<>();
        Map<String, UUID> won = new LinkedHashMap<>();
        byHash.forEach((hash, spec) -> claim(hash, spec)
                .ifPresentOrElse(partId -> won.put(hash, partId), () -> parts.put(hash, claimed(hash))));
        Iterator<String> numbers = freeNumbers(won.size());
        won.forEach((hash, partId) -> {
            var spec = byHash.get(hash);
            var part = catalog.createCustomPart(new Catalog.NewCustomPart(
                    partId,
                    numbers.next(),
                    spec.name().trim(),
                    unitOf(spec),
                    spec.unitCost() == null ? BigDecimal.ZERO : spec.unitCost(),
                    specificationsOf(spec)));
            parts.put(hash, new CustomPart(part.id(), part.partNumber(), hash, true));
        });
        return hashes.stream().map(parts::get).toList();
    }

    /**
     * The parts earlier generations made for these specifications, in the order given, when every one of them has
     * its part already; empty when some would be minted. Claims and mints nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<List<CustomPart>> existing(List<Evaluation.CustomPartSpec> specs) {
        List<String> hashes = hashesOf(specs);
        if (hashes.isEmpty()) {
            return Optional.of(List.of());
        }
        Map<String, UUID> found = new TreeMap<>();
        jdbc.sql(
                        "select spec_hash, part_id from configurator.custom_parts where org_id = :org and spec_hash in (:hashes)")
                .param("org", TenantContext.requireOrgId())
                .param("hashes", Set.copyOf(hashes))
                .query((rs, n) -> found.put(rs.getString(1), rs.getObject(2, UUID.class)))
                .list();
        if (!found.keySet().containsAll(hashes)) {
            return Optional.empty();
        }
        var known = catalog.parts(Set.copyOf(found.values()));
        return Optional.of(hashes.stream()
                .map(h -> new CustomPart(found.get(h), known.get(found.get(h)).partNumber(), h, false))
                .toList());
    }

    private static List<String> hashesOf(List<Evaluation.CustomPartSpec> specs) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            requireMintable(i, specs.get(i));
            hashes.add(hashOf(specs.get(i)));
        }
        return hashes;
    }

    /** Claims the hash for a new part id (answered), or waits for a parallel claim of it and answers nothing. */
    private Optional<UUID> claim(String hash, Evaluation.CustomPartSpec spec) {
        return jdbc.sql("""
                        insert into configurator.custom_parts (org_id, spec_hash, part_id, specifications, created_at)
                        values (:org, :hash, :part, cast(:specifications as jsonb), :now)
                        on conflict do nothing
                        returning part_id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("hash", hash)
                .param("part", Ids.newId())
                .param("specifications", specificationsOf(spec))
                .param("now", Timestamp.from(Instant.now()))
                .query(UUID.class)
                .optional();
    }

    /** The part an earlier (or parallel, now committed) generation claimed for the hash. */
    private CustomPart claimed(String hash) {
        UUID existing = jdbc.sql(
                        "select part_id from configurator.custom_parts where org_id = :org and spec_hash = :hash")
                .param("org", TenantContext.requireOrgId())
                .param("hash", hash)
                .query(UUID.class)
                .single();
        String number = catalog.parts(List.of(existing)).get(existing).partNumber();
        return new CustomPart(existing, number, hash, false);
    }

    private static String specificationsOf(Evaluation.CustomPartSpec spec) {
        return canonical(spec.specifications() == null ? Map.of() : spec.specifications());
    }

    /**
     * {@code count} numbers of the series no part holds yet, taken as one block (more blocks only to step over
     * numbers parts numbered by hand inside the series already hold).
     */
    private Iterator<String> freeNumbers(int count) {
        List<String> free = new ArrayList<>();
        int skipped = 0;
        while (free.size() < count) {
            var block = settings.nextNumbers(SERIES, count - free.size());
            List<String> numbers = new ArrayList<>();
            for (long n = block.first(); n < block.first() + block.count(); n++) {
                numbers.add(block.format(n));
            }
            for (String number : numbers) {
                if (catalog.partByNumber(number).isEmpty()) {
                    free.add(number);
                } else if (++skipped >= MAX_SKIPPED_NUMBERS) {
                    throw new ConflictException("The custom parts series gave " + MAX_SKIPPED_NUMBERS
                            + " numbers that parts already hold; move its next number past them in the settings");
                }
            }
        }
        return free.iterator();
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
