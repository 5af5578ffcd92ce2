import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog's performance targets (issue 3), measured against a running Traveler:
 *
 * <ol>
 *   <li>a generator builds, through the import API, 40,000 parts and a 6-level BOM (fan-out 6, sub-assemblies shared
 *       by several parents) of about 10,600 exploded lines, all ACTIVE;
 *   <li>importing 100,000 parts (POST to COMPLETED), each run into a fresh organization;
 *   <li>{@code GET /api/boms/{id}/explosion?quantity=1} of the top BOM, body read in full, against PostgreSQL's own
 *       recursive-CTE explosion of the same data over JDBC (all rows read), which it must not be slower than;
 *   <li>where-used of a leaf part, and {@code ?q=} part search with typos at 100,000 parts.
 * </ol>
 *
 * <p>Usage (JDK 21+; PostgreSQL's JDBC driver on the class path, taken from the application jar by
 * {@code bench/catalog.sh}): {@code java -cp postgresql.jar bench/CatalogBench.java URL DATA_DIR}. {@code DATA_DIR}
 * is the data directory of the running Traveler's embedded PostgreSQL (its port is read from
 * {@code postmaster.pid}). Environment: {@code IMPORT_RUNS} (3), {@code REPS} (200). Loopback only.
 */
public class CatalogBench {
    static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"?([^\",}\\]]*)");
    static final Random RANDOM = new Random(20261122);
    static final int BOM_PARTS = 40_000;
    static final int IMPORT_PARTS = 100_000;
    /** Distinct assemblies per level below the top one; each level's lines pick (shared) assemblies of the next. */
    static final int[] POOL = {1, 5, 20, 60, 150, 300};
    /** Sub-assembly lines of an assembly per level (the rest of its six lines are parts); level 6 holds parts only. */
    static final int[] SUBS = {5, 4, 4, 4, 4, 0};

    static final String REFERENCE_CTE = """
            with recursive tree(depth, path, component_type, component_id, quantity, unit, extended_quantity,
                                visited) as (
                select 1, lpad(l.sequence::text, 4, '0'), l.component_type, l.component_id, l.quantity, l.unit,
                       l.quantity * (1 + l.waste_factor) * ?, array[b.product_id]
                  from catalog.bom_lines l join catalog.boms b on b.id = l.bom_id
                 where l.bom_id = ?
                union all
                select t.depth + 1, t.path || '/' || lpad(l.sequence::text, 4, '0'), l.component_type,
                       l.component_id, l.quantity, l.unit, t.extended_quantity * l.quantity * (1 + l.waste_factor),
                       t.visited || b.product_id
                  from tree t
                  join catalog.boms b on b.product_id = t.component_id and b.status = 'ACTIVE'
                  join catalog.bom_lines l on l.bom_id = b.id
                 where t.component_type = 'PRODUCT' and not b.product_id = any (t.visited) and t.depth < 50
            )
            select t.depth, t.path, t.component_type, t.component_id, coalesce(p.part_number, pr.sku) as number,
                   coalesce(p.name, pr.name) as name, t.quantity, t.extended_quantity,
                   coalesce(t.unit, p.unit_of_measure) as unit, p.unit_cost,
                   t.extended_quantity * p.unit_cost as extended_cost, t.extended_quantity * p.weight as weight
              from tree t
              left join catalog.parts p on t.component_type = 'PART' and p.id = t.component_id
              left join catalog.products pr on t.component_type = 'PRODUCT' and pr.id = t.component_id
             order by t.path
            """;

    record Org(String email, String id) {}

    record Result(String figure, String goal, String value, Boolean pass) {}

    static final List<Result> RESULTS = new ArrayList<>();
    static final String PASSWORD = "bench-password-2026-xyz";
    static HttpClient http;
    static URI base;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java -cp postgresql.jar bench/CatalogBench.java http://127.0.0.1:18080 DATA_DIR");
            System.exit(2);
        }
        base = URI.create(args[0].replaceAll("/+$", ""));
        if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
            System.err.println("CatalogBench: a loopback URL only");
            System.exit(2);
        }
        int pgPort = Integer.parseInt(
                Files.readAllLines(Path.of(args[1], "postgres", "postmaster.pid")).get(3).trim());
        int importRuns = Integer.parseInt(System.getenv().getOrDefault("IMPORT_RUNS", "3"));
        int reps = Integer.parseInt(System.getenv().getOrDefault("REPS", "200"));
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        System.out.println("== Generating the BOM organization through the import API");
        Org bomOrg = signUp("BOM bench");
        String topBom = generateBom(bomOrg);

        System.out.println("== Importing " + String.format("%,d", IMPORT_PARTS) + " parts, " + importRuns
                + " runs, each followed by PostgreSQL's COPY of the same rows");
        Org searchOrg;
        try (Connection superuser = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pgPort + "/traveler", "postgres", "")) {
            searchOrg = importRuns(importRuns, superuser);
            // the reference query is planned on fresh statistics, as autovacuum would give it after a bulk load
            try (var analyze = superuser.createStatement()) {
                analyze.execute("analyze catalog.boms, catalog.bom_lines, catalog.parts, catalog.products");
            }
        }

        try (Connection db = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pgPort + "/traveler", "traveler_app", "")) {
            System.out.println("== Explosion of the top BOM: HTTP against the raw recursive CTE");
            explosion(bomOrg, topBom, db, reps);
        }
        System.out.println("== Where-used of a leaf part");
        whereUsed(bomOrg, reps);
        System.out.println("== Part search with typos at " + String.format("%,d", IMPORT_PARTS) + " parts");
        search(searchOrg, reps);
        System.out.println("== Explosion right after a change of a part's cost (the graph is rebuilt)");
        explosionAfterChange(bomOrg, topBom);

        System.out.printf("%n%-62s %-22s %-22s %s%n", "Figure", "Target", "Measured", "");
        for (Result r : RESULTS) {
            System.out.printf(
                    "%-62s %-22s %-22s %s%n", r.figure(), r.goal(), r.value(),
                    r.pass() == null ? "" : r.pass() ? "PASS" : "MISS");
        }
    }

    // --- the generator ---------------------------------------------------------------------------------------

    /** 40,000 parts, then the assemblies level by level, then their lines, activated; returns the top BOM's id. */
    static String generateBom(Org org) throws Exception {
        String token = token(org);
        var parts = new StringBuilder("part_number,name,kind,unit_of_measure,unit_cost\n");
        for (int i = 1; i <= BOM_PARTS; i++) {
            parts.append(partNumber(i)).append(',').append(partName()).append(",COMPONENT,ea,")
                    .append(BigDecimal.valueOf(5 + RANDOM.nextInt(25_000), 2)).append('\n');
        }
        timedImport(token, "parts", parts.toString(), "40,000 BOM parts");

        var products = new StringBuilder("sku,name\n");
        for (int level = 1; level <= POOL.length; level++) {
            for (int i = 1; i <= POOL[level - 1]; i++) {
                products.append(sku(level, i)).append(",Assembly ").append(level).append('.').append(i).append('\n');
            }
        }
        timedImport(token, "products", products.toString(), "products (assemblies)");

        // deepest level first, so that every activation finds its sub-assemblies ACTIVE already
        var lines = new StringBuilder("parent_sku,component_number,quantity,waste_factor\n");
        long[] exploded = new long[POOL.length + 2];
        for (int level = POOL.length; level >= 1; level--) {
            long below = 0;
            for (int i = 1; i <= POOL[level - 1]; i++) {
                Set<String> components = new LinkedHashSet<>();
                int subs = SUBS[level - 1];
                while (components.size() < subs) {
                    components.add(sku(level + 1, 1 + RANDOM.nextInt(POOL[level])));
                }
                while (components.size() < 6) {
                    components.add(partNumber(1 + RANDOM.nextInt(BOM_PARTS)));
                }
                for (String component : components) {
                    lines.append(sku(level, i)).append(',').append(component).append(',')
                            .append(1 + RANDOM.nextInt(4)).append(',')
                            .append(List.of("0", "0.02", "0.05").get(RANDOM.nextInt(3))).append('\n');
                }
                below += 6 + (long) subs * exploded[level + 1];
            }
            exploded[level] = below / POOL[level - 1];
        }
        double bomLines = timedImport(token, "bom-lines?activate=true", lines.toString(), "BOM lines, activated");
        RESULTS.add(new Result(
                "BOM-line import, %,d lines in %d BOMs, activated".formatted(
                        countOf(lines.toString(), "\n") - 1, Arrays.stream(POOL).sum()),
                "< 2 s",
                "%.2f s".formatted(bomLines / 1000),
                bomLines < 2_000));

        String top = idOf(get(token, "/api/products/templates/?q=" + sku(1, 1)), "sku", sku(1, 1));
        String bom = field(get(token, "/api/products/templates/" + top + "/bom"), "id");
        int count = countOf(get(token, "/api/boms/" + bom + "/explosion?quantity=1"), "\"depth\"");
        System.out.printf("top BOM %s: %,d exploded lines (about %,d expected), 6 levels%n", bom, count, exploded[1]);
        return bom;
    }

    static String partNumber(int i) {
        return "P-%06d".formatted(i);
    }

    static String sku(int level, int i) {
        return level == 1 ? "ASM-TOP" : "ASM-L%d-%03d".formatted(level, i);
    }

    static final List<String> TYPES = List.of(
            "Bolt", "Nut", "Washer", "Bearing", "Bracket", "Spring", "Gasket", "Sleeve", "Shaft", "Pulley", "Hinge",
            "Clamp", "Rivet", "Screw", "Bushing", "Seal", "Valve", "Fitting", "Cable", "Connector", "Relay", "Sensor",
            "Panel", "Plate", "Rail", "Gear", "Spacer", "Pin", "Knob", "Handle");
    static final List<String> MATERIALS = List.of(
            "steel", "stainless", "brass", "aluminium", "nylon", "rubber", "copper", "zinc", "titanium", "PTFE");
    static final List<String> FINISHES =
            List.of("zinc plated", "black oxide", "anodized", "raw", "painted", "galvanized", "polished");

    /** A part name from a hardware vocabulary: about 2.5 million combinations, so names rarely repeat. */
    static String partName() {
        return "%s %s M%dx%d %s".formatted(
                TYPES.get(RANDOM.nextInt(TYPES.size())),
                MATERIALS.get(RANDOM.nextInt(MATERIALS.size())),
                3 + RANDOM.nextInt(22),
                5 * (1 + RANDOM.nextInt(40)),
                FINISHES.get(RANDOM.nextInt(FINISHES.size())));
    }

    // --- (a) import ------------------------------------------------------------------------------------------

    /** A 10,000-part warm-up, then each run imports 100,000 new parts into a new organization; returns the first. */
    static Org importRuns(int runs, Connection superuser) throws Exception {
        timedImport(token(signUp("Import warm-up")), "parts", partsCsv(10_000), "warm-up, 10,000 parts");
        prepareCopyBaseline(superuser);
        copyBaseline(superuser, partsCsv(10_000), "COPY warm-up, 10,000 rows");
        List<Double> millis = new ArrayList<>();
        List<Double> copyMillis = new ArrayList<>();
        Org first = null;
        for (int run = 1; run <= runs; run++) {
            Org org = signUp("Import bench " + run);
            first = first == null ? org : first;
            String csv = partsCsv(IMPORT_PARTS);
            millis.add(timedImport(token(org), "parts", csv, "run " + run));
            copyMillis.add(copyBaseline(superuser, csv, "COPY run " + run));
        }
        double p50 = percentile(millis, 50);
        double copy50 = percentile(copyMillis, 50);
        RESULTS.add(new Result(
                "Import 100,000 parts, POST to COMPLETED (p50 / p95 of " + runs + ")",
                "< 10 s",
                "%.2f / %.2f s".formatted(p50 / 1000, percentile(millis, 95) / 1000),
                p50 < 10_000));
        RESULTS.add(new Result(
                "PostgreSQL COPY of the same rows, same key and indexes (p50 / p95)",
                "reference",
                "%.2f / %.2f s".formatted(copy50 / 1000, percentile(copyMillis, 95) / 1000),
                null));
        RESULTS.add(new Result(
                "Import / COPY, ratio of the p50s",
                "<= 2.0",
                "%.2f".formatted(p50 / copy50),
                p50 <= 2 * copy50));
        return first;
    }

    /**
     * A table shaped as catalog.parts (its columns, generated search vector, checks, unique keys and search indexes,
     * {@code like ... including all}) but without triggers or row-level security, for PostgreSQL's own COPY.
     */
    static void prepareCopyBaseline(Connection superuser) throws Exception {
        try (var s = superuser.createStatement()) {
            s.execute("drop schema if exists bench_copy cascade");
            s.execute("create schema bench_copy");
            s.execute("create table bench_copy.parts (like catalog.parts including all)");
        }
    }

    /** The import's rows (every column the import writes) COPYed in one statement as CSV; autocommit. */
    static double copyBaseline(Connection superuser, String importCsv, String label) throws Exception {
        String org = UUID.randomUUID().toString();
        String now = java.time.OffsetDateTime.now().toString();
        var copy = new StringBuilder(importCsv.length() * 2);
        String[] lines = importCsv.split("\n");
        for (int i = 1; i < lines.length; i++) {
            // part_number,name,kind,unit_of_measure,unit_cost
            copy.append(org).append(',').append(UUID.randomUUID()).append(',').append(lines[i])
                    .append(",ACTIVE,").append(now).append(',').append(now).append('\n');
        }
        var manager = superuser.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        long start = System.nanoTime();
        long rows = manager.copyIn(
                "copy bench_copy.parts (org_id, id, part_number, name, kind, unit_of_measure, unit_cost, status,"
                        + " created_at, updated_at) from stdin (format csv)",
                new java.io.StringReader(copy.toString()));
        double millis = (System.nanoTime() - start) / 1e6;
        System.out.printf("  %-24s %,d rows in %,.0f ms%n", label, rows, millis);
        return millis;
    }

    static String partsCsv(int count) {
        var csv = new StringBuilder(count * 56).append("part_number,name,kind,unit_of_measure,unit_cost\n");
        for (int i = 1; i <= count; i++) {
            csv.append("HW-").append(100_000 + i).append(',').append(partName()).append(",HARDWARE,ea,")
                    .append(BigDecimal.valueOf(1 + RANDOM.nextInt(100_000), 3)).append('\n');
        }
        return csv.toString();
    }

    static double timedImport(String token, String kind, String csv, String label) throws Exception {
        long start = System.nanoTime();
        String id = field(send("POST", "/api/imports/" + kind, "text/csv", token, csv, 202), "id");
        String job;
        do {
            Thread.sleep(20);
            job = get(token, "/api/import-jobs/" + id);
        } while (field(job, "status").equals("RUNNING") || field(job, "status").equals("QUEUED"));
        double millis = (System.nanoTime() - start) / 1e6;
        System.out.printf("  %-24s %s in %,.0f ms (%s rows, %s failed)%n", label, field(job, "status"), millis,
                field(job, "processed_rows"), field(job, "failed_rows"));
        if (!field(job, "status").equals("COMPLETED") || !field(job, "failed_rows").equals("0")) {
            fail("import " + label + " did not complete cleanly: " + job);
        }
        return millis;
    }

    // --- (b) explosion ---------------------------------------------------------------------------------------

    static void explosion(Org org, String bom, Connection db, int reps) throws Exception {
        String token = token(org);
        String path = "/api/boms/" + bom + "/explosion?quantity=1";
        try (var set = db.prepareStatement("select set_config('app.org_id', ?, false)")) {
            set.setString(1, org.id());
            set.execute();
        }
        PreparedStatement cte = db.prepareStatement(REFERENCE_CTE);
        cte.setBigDecimal(1, BigDecimal.ONE);
        cte.setObject(2, UUID.fromString(bom));

        String body = get(token, path);
        List<String[]> reference = referenceRows(cte);
        verifySame(body, reference);

        // the opt-in formats, when the server has them (an older one ignores the parameter and answers in full)
        String compact = path + "&lines=compact";
        String totals = path + "&lines=none";
        boolean formats = get(token, compact).contains("\"columns\"");
        if (formats) {
            verifySameCompact(get(token, compact), reference);
        } else {
            System.out.println("  (this server has no ?lines=compact|none; only the full format is measured)");
        }
        List<String> variants = formats ? List.of(path, compact, totals) : List.of(path);
        for (int i = 0; i < 30; i++) {
            for (String variant : variants) {
                get(token, variant);
            }
            referenceRows(cte);
        }
        List<List<Double>> httpMillis = new ArrayList<>();
        variants.forEach(v -> httpMillis.add(new ArrayList<>()));
        int[] sizes = new int[variants.size()];
        List<Double> cteMillis = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            for (int v = 0; v < variants.size(); v++) {
                long t0 = System.nanoTime();
                sizes[v] = getBytes(token, variants.get(v)).length;
                httpMillis.get(v).add((System.nanoTime() - t0) / 1e6);
            }
            long t0 = System.nanoTime();
            referenceRows(cte);
            cteMillis.add((System.nanoTime() - t0) / 1e6);
        }
        cte.close();
        double cte50 = percentile(cteMillis, 50);
        RESULTS.add(new Result(
                "Raw recursive CTE over JDBC, all rows read (p50 / p95)",
                "reference",
                "%.1f / %.1f ms".formatted(cte50, percentile(cteMillis, 95)),
                null));
        List<String> labels = List.of(
                "Explosion over HTTP, %,d lines, %,d bytes, body read (p50 / p95)",
                "Explosion ?lines=compact, %,d lines, %,d bytes (p50 / p95)",
                "Explosion ?lines=none (totals only), %,d lines rolled up, %,d bytes");
        for (int v = 0; v < variants.size(); v++) {
            double http50 = percentile(httpMillis.get(v), 50);
            RESULTS.add(new Result(
                    labels.get(v).formatted(reference.size(), sizes[v]),
                    "<= CTE p50 (%.1f ms)".formatted(cte50),
                    "%.1f / %.1f ms (%.2fx)".formatted(http50, percentile(httpMillis.get(v), 95), http50 / cte50),
                    http50 <= cte50));
        }
    }

    /** The compact format's rows are the reference's: same order, path, extended quantity and cost. */
    static void verifySameCompact(String body, List<String[]> reference) {
        int start = body.indexOf("\"lines\"");
        List<List<String>> rows = new ArrayList<>();
        Matcher m = Pattern.compile("\\[(\\d+,(?:\"(?:[^\"\\\\]|\\\\.)*\"|[^\\[\\]\"])*)\\]").matcher(body);
        m.region(start, body.length());
        while (m.find()) {
            rows.add(cells(m.group(1)));
        }
        if (rows.size() != reference.size()) {
            fail("the compact explosion has " + rows.size() + " lines, the reference query " + reference.size());
        }
        for (int i = 0; i < reference.size(); i++) {
            String[] row = reference.get(i);
            List<String> line = rows.get(i);
            // columns: depth, path, component_type, component_id, number, name, quantity, extended_quantity, unit,
            // unit_cost, extended_cost, weight, substitute_group, substitute
            if (!row[1].equals(line.get(1)) || !sameNumber(row[2], line.get(7)) || !sameNumber(row[3], line.get(10))) {
                fail("compact line " + i + " differs: " + line + ", reference " + Arrays.toString(row));
            }
        }
        System.out.printf("  the compact format's %,d lines equal the reference query's too%n", reference.size());
    }

    /** The cells of one JSON array of scalars, strings unquoted. */
    static List<String> cells(String array) {
        List<String> cells = new ArrayList<>();
        var cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < array.length(); i++) {
            char c = array.charAt(i);
            if (quoted && c == '\\') {
                cell.append(array.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** Every row of the reference query, each column read as the driver returns it. */
    static List<String[]> referenceRows(PreparedStatement cte) throws Exception {
        List<String[]> rows = new ArrayList<>(11_000);
        try (ResultSet rs = cte.executeQuery()) {
            while (rs.next()) {
                rs.getObject("component_id");
                rs.getString("component_type");
                rs.getString("number");
                rs.getString("name");
                rs.getBigDecimal("quantity");
                rs.getString("unit");
                rs.getBigDecimal("unit_cost");
                rs.getBigDecimal("weight");
                BigDecimal cost = rs.getBigDecimal("extended_cost");
                rows.add(new String[] {
                    rs.getString("depth"), rs.getString("path"), rs.getBigDecimal("extended_quantity").toString(),
                    cost == null ? "null" : cost.toString()
                });
            }
        }
        return rows;
    }

    /** The API's lines are the reference query's, in the same order, with the same values to the last digit. */
    static void verifySame(String body, List<String[]> reference) {
        List<String> paths = all(body, "path");
        List<String> quantities = all(body, "extended_quantity");
        List<String> costs = all(body, "extended_cost");
        if (paths.size() != reference.size()) {
            fail("the API exploded " + paths.size() + " lines, the reference query " + reference.size());
        }
        for (int i = 0; i < reference.size(); i++) {
            String[] row = reference.get(i);
            if (!row[1].equals(paths.get(i))
                    || !sameNumber(row[2], quantities.get(i))
                    || !sameNumber(row[3], costs.get(i))) {
                fail("line " + i + " differs: API " + paths.get(i) + " " + quantities.get(i) + " " + costs.get(i)
                        + ", reference " + Arrays.toString(row));
            }
        }
        System.out.printf("  the API's %,d lines equal the reference query's (path, extended quantity and cost)%n",
                reference.size());
    }

    /** Equal values, whatever trailing zeros either writes ("null" only equals "null"). */
    static boolean sameNumber(String a, String b) {
        if (a.equals("null") || b.equals("null")) {
            return a.equals(b);
        }
        return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
    }

    static void explosionAfterChange(Org org, String bom) throws Exception {
        String token = token(org);
        String partPath = "/api/catalog/parts/"
                + idOf(get(token, "/api/catalog/parts?q=" + partNumber(1)), "part_number", partNumber(1));
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var response = http.send(
                    request(partPath, token).GET().build(), HttpResponse.BodyHandlers.ofString());
            String etag = response.headers().firstValue("ETag").orElseThrow();
            var patch = request(partPath, token)
                    .header("Content-Type", "application/json")
                    .header("If-Match", etag)
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"unit_cost\": %d.25}".formatted(10 + i)))
                    .build();
            if (http.send(patch, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                fail("PATCH of " + partPath + " refused");
            }
            long t0 = System.nanoTime();
            getBytes(token, "/api/boms/" + bom + "/explosion?quantity=1");
            millis.add((System.nanoTime() - t0) / 1e6);
        }
        RESULTS.add(new Result(
                "Explosion right after a part's cost changed (p50 / p95 of 10)",
                "",
                "%.1f / %.1f ms".formatted(percentile(millis, 50), percentile(millis, 95)),
                null));
    }

    // --- (c) where-used and (d) search -----------------------------------------------------------------------

    static void whereUsed(Org org, int reps) throws Exception {
        String token = token(org);
        // a part of the first deepest assembly: used at every level above it, through shared assemblies
        String leafAssembly = sku(POOL.length, 1);
        String lines = get(token, "/api/products/templates/"
                + idOf(get(token, "/api/products/templates/?q=" + leafAssembly), "sku", leafAssembly) + "/bom");
        String part = null;
        Matcher m = Pattern.compile("\"component_type\":\"PART\",\"component_id\":\"([0-9a-f-]+)\"").matcher(lines);
        if (m.find()) {
            part = m.group(1);
        } else {
            fail("no part line in " + lines);
        }
        String path = "/api/catalog/parts/" + part + "/where-used";
        int uses = countOf(get(token, path), "\"sku\"");
        List<Double> millis = timed(token, List.of(path), reps);
        RESULTS.add(new Result(
                "Where-used of a leaf part, %d products above it (p50 / p95)".formatted(uses),
                "< 50 ms",
                "%.1f / %.1f ms".formatted(percentile(millis, 50), percentile(millis, 95)),
                percentile(millis, 50) < 50));
    }

    static void search(Org org, int reps) throws Exception {
        String token = token(org);
        List<String> queries = List.of(
                "stainles bolt", "bering brass", "gaskett rubber", "hinge alumnium", "conector copper M8",
                "sprng steel", "bushng nylon anodized", "valev titanium", "pulley zink", "rivett black oxide");
        List<String> paths = new ArrayList<>();
        for (String q : queries) {
            String path = "/api/catalog/parts?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
            int found = countOf(get(token, path), "\"part_number\"");
            if (found == 0) {
                System.out.println("  (the search for \"" + q + "\" finds nothing)");
            }
            paths.add(path);
        }
        List<Double> millis = timed(token, paths, reps);
        for (int i = 0; i < queries.size(); i++) {
            List<Double> mine = new ArrayList<>();
            for (int r = i; r < millis.size(); r += queries.size()) {
                mine.add(millis.get(r));
            }
            System.out.printf("  %-26s p50 %5.1f ms, p95 %5.1f ms%n", '"' + queries.get(i) + '"',
                    percentile(mine, 50), percentile(mine, 95));
        }
        RESULTS.add(new Result(
                "Part search ?q= with a typo, 100,000 parts (p50 / p95)",
                "< 50 ms",
                "%.1f / %.1f ms".formatted(percentile(millis, 50), percentile(millis, 95)),
                percentile(millis, 50) < 50));
    }

    /** After a warm-up of 30 requests, {@code reps} requests cycling through {@code paths}, bodies read in full. */
    static List<Double> timed(String token, List<String> paths, int reps) throws Exception {
        for (int i = 0; i < 30; i++) {
            getBytes(token, paths.get(i % paths.size()));
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            getBytes(token, paths.get(i % paths.size()));
            millis.add((System.nanoTime() - t0) / 1e6);
        }
        return millis;
    }

    // --- HTTP and the rest -----------------------------------------------------------------------------------

    static Org signUp(String name) throws Exception {
        String email = "bench-" + UUID.randomUUID().toString().substring(0, 12) + "@bench.example";
        String body = send("POST", "/api/auth/signup", "application/json", null, """
                {"organization_name":"%s %s","organization_kind":"FACTORY","name":"Bench",\
                "email":"%s","password":"%s"}""".formatted(name, email.substring(6, 18), email, PASSWORD), 201);
        return new Org(email, field(body, "id"));
    }

    /** A fresh access token (they are short-lived; one per phase). */
    static String token(Org org) throws Exception {
        return field(
                send("POST", "/api/auth/token", "application/json", null, """
                        {"email":"%s","password":"%s"}""".formatted(org.email(), PASSWORD), 200),
                "access_token");
    }

    static HttpRequest.Builder request(String path, String token) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    static String get(String token, String path) throws Exception {
        return send("GET", path, null, token, null, 200);
    }

    static byte[] getBytes(String token, String path) throws Exception {
        var response = http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            fail("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    static String send(String method, String path, String type, String token, String body, int expected)
            throws Exception {
        var request = request(path, token);
        if (type != null) {
            request.header("Content-Type", type);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            fail(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + json.substring(0, Math.min(json.length(), 500)));
    }

    /** The id of the listed item whose {@code key} is {@code value} (views list the id first). */
    static String idOf(String json, String key, String value) {
        Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]+)\",\"" + key + "\":\"" + Pattern.quote(value) + "\"")
                .matcher(json);
        if (!m.find()) {
            fail("no item with " + key + " " + value + " in the search results");
        }
        return m.group(1);
    }

    static List<String> all(String json, String name) {
        List<String> values = new ArrayList<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                values.add(m.group(2));
            }
        }
        return values;
    }

    static int countOf(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static void fail(String message) {
        System.err.println("CatalogBench: " + message);
        System.exit(1);
    }
}
