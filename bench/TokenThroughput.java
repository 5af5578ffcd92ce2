import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sign-in throughput: signs up one organization, then sends POST /api/auth/token for its administrator from
 * CONCURRENCY virtual threads for SECONDS and reports requests per second and latency percentiles.
 *
 * <p>Usage (JDK 21+, no dependencies): {@code java bench/TokenThroughput.java http://localhost:18080 [seconds]
 * [concurrency]}. Only loopback addresses are accepted; at most {@value #MAX_REQUESTS} requests are sent.
 */
public class TokenThroughput {
    static final int MAX_REQUESTS = 500_000;
    static final Duration WARM_UP = Duration.ofSeconds(2);

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java bench/TokenThroughput.java http://localhost:18080 [seconds] [concurrency]");
            System.exit(2);
        }
        URI base = URI.create(args[0].replaceAll("/+$", ""));
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        if (seconds < 1 || seconds > 600 || concurrency < 1 || concurrency > 256) {
            fail("seconds must be 1..600 and concurrency 1..256");
        }
        if (!isLoopback(base.getHost())) {
            fail("only loopback targets (localhost, 127.0.0.1, [::1]) are allowed, not " + base);
        }

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();

        String email = "bench-" + UUID.randomUUID().toString().substring(0, 12) + "@bench.example";
        String password = "bench-password-2026-xyz";
        HttpResponse<String> signup = null;
        try {
            signup = post(http, base, "/api/auth/signup", json(Map.of(
                    "organization_name", "Bench factory " + email.substring(6, 18),
                    "organization_kind", "FACTORY",
                    "name", "Bench administrator",
                    "email", email,
                    "password", password)));
        } catch (java.io.IOException e) {
            fail("cannot reach " + base + " (" + e + "); is Traveler running?");
        }
        if (signup.statusCode() != 201) {
            fail("signup answered " + signup.statusCode() + ": " + signup.body());
        }
        String credentials = json(Map.of("email", email, "password", password));
        var first = post(http, base, "/api/auth/token", credentials);
        if (first.statusCode() != 200 || !first.body().contains("\"access_token\"")) {
            fail("token answered " + first.statusCode() + ": " + first.body());
        }

        System.out.printf("POST %s/api/auth/token: %d s after %d s warm-up, %d virtual threads%n",
                base, seconds, WARM_UP.toSeconds(), concurrency);
        run(http, base, credentials, concurrency, WARM_UP, null);
        var result = new Result();
        long started = System.nanoTime();
        run(http, base, credentials, concurrency, Duration.ofSeconds(seconds), result);
        double elapsed = (System.nanoTime() - started) / 1e9;
        result.print(elapsed);
    }

    /** Sends requests from {@code concurrency} virtual threads until {@code duration} ends or the cap is hit. */
    static void run(HttpClient http, URI base, String body, int concurrency, Duration duration, Result result)
            throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        var budget = new AtomicInteger(MAX_REQUESTS);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                threads.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = post(http, base, "/api/auth/token", body).statusCode();
                        } catch (Exception e) {
                            status = -1;
                        }
                        latencies.add(System.nanoTime() - t0);
                        if (result != null) {
                            result.count(status);
                        }
                    }
                    if (result != null) {
                        result.latencies.add(latencies);
                    }
                    return null;
                });
            }
        }
    }

    static final class Result {
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final List<List<Long>> latencies = java.util.Collections.synchronizedList(new ArrayList<>());

        void count(int status) {
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        }

        void print(double elapsed) {
            long[] all = latencies.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
            Arrays.sort(all);
            long ok = statuses.getOrDefault(200, new LongAdder()).sum();
            long total = all.length;
            var others = new TreeMap<Integer, Long>();
            statuses.forEach((status, n) -> {
                if (status != 200) {
                    others.put(status, n.sum());
                }
            });
            System.out.printf("requests:   %d in %.1f s (200: %d, other: %d%s)%n",
                    total, elapsed, ok, total - ok, others.isEmpty() ? "" : " " + describe(others));
            System.out.printf("throughput: %.1f requests/s (%.1f successful/s)%n", total / elapsed, ok / elapsed);
            if (total > 0) {
                System.out.printf("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
                        pct(all, 50), pct(all, 95), pct(all, 99), all[all.length - 1] / 1e6);
            }
        }

        static String describe(Map<Integer, Long> others) {
            var parts = new ArrayList<String>();
            others.forEach((status, n) -> parts.add((status < 0 ? "I/O error" : status.toString()) + ": " + n));
            return "[" + String.join(", ", parts) + "]";
        }

        static double pct(long[] sorted, int p) {
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }
    }

    /** Decides without a DNS lookup: {@code localhost} or a loopback IP literal. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }

    static HttpResponse<String> post(HttpClient http, URI base, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A flat JSON object of strings; enough for the two request bodies above. */
    static String json(Map<String, String> fields) {
        var parts = new ArrayList<String>();
        new TreeMap<>(fields).forEach((k, v) -> parts.add(quote(k) + ":" + quote(v)));
        return "{" + String.join(",", parts) + "}";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void fail(String message) {
        System.err.println("TokenThroughput: " + message);
        System.exit(1);
    }
}
