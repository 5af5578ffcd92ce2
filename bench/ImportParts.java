import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part import: signs up one organization, generates a CSV of PARTS parts, posts it to {@code POST
 * /api/imports/parts} and polls {@code GET /api/import-jobs/{id}} every 50 ms until the job is neither QUEUED nor RUNNING; then posts
 * the same file again (every row an unchanged upsert) and then with every cost changed. Prints the time from POST
 * to the final status of each run.
 *
 * <p>Usage (JDK 21+, no dependencies): {@code java bench/ImportParts.java http://localhost:18080 [parts]}. Only
 * loopback addresses are accepted; at most 1,000,000 parts.
 */
public class ImportParts {
    static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"?([^\",}]*)");

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java bench/ImportParts.java http://localhost:18080 [parts]");
            System.exit(2);
        }
        URI base = URI.create(args[0].replaceAll("/+$", ""));
        int parts = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        if (!InetAddress.getByName(base.getHost()).isLoopbackAddress() || parts < 1 || parts > 1_000_000) {
            System.err.println("ImportParts: a loopback URL and 1..1,000,000 parts only");
            System.exit(2);
        }
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String email = "bench-" + UUID.randomUUID().toString().substring(0, 12) + "@bench.example";
        String password = "bench-password-2026-xyz";
        send(http, base, "POST", "/api/auth/signup", "application/json", null, """
                {"organization_name":"Import bench %s","organization_kind":"FACTORY","name":"Bench",\
                "email":"%s","password":"%s"}""".formatted(email.substring(6, 18), email, password), 201);
        String token = field(
                send(http, base, "POST", "/api/auth/token", "application/json", null, """
                        {"email":"%s","password":"%s"}""".formatted(email, password), 200),
                "access_token");

        run(http, base, token, "new parts", csv(parts, "0.25"), parts);
        run(http, base, token, "same file again (no change)", csv(parts, "0.25"), parts);
        run(http, base, token, "every cost changed", csv(parts, "0.30"), parts);
    }

    static String csv(int parts, String cost) {
        var csv = new StringBuilder(parts * 48).append("part_number,name,kind,unit_of_measure,unit_cost\n");
        for (int i = 1; i <= parts; i++) {
            csv.append("BENCH-").append(i).append(",Bench part ").append(i).append(",COMPONENT,ea,").append(cost);
            csv.append('\n');
        }
        return csv.toString();
    }

    static void run(HttpClient http, URI base, String token, String label, String csv, int parts) throws Exception {
        long start = System.nanoTime();
        String id = field(send(http, base, "POST", "/api/imports/parts", "text/csv", token, csv, 202), "id");
        String job;
        do {
            Thread.sleep(50);
            job = send(http, base, "GET", "/api/import-jobs/" + id, null, token, null, 200);
        } while (field(job, "status").equals("RUNNING") || field(job, "status").equals("QUEUED"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "%,d parts, %s: %s in %,d ms (processed %s, failed %s, %,d bytes of CSV)%n",
                parts, label, field(job, "status"), millis, field(job, "processed_rows"), field(job, "failed_rows"),
                csv.length());
    }

    static String send(HttpClient http, URI base, String method, String path, String type, String token, String body,
            int expected) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            System.err.println("ImportParts: " + method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
            System.exit(1);
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
        throw new IllegalStateException("no " + name + " in " + json);
    }
}
