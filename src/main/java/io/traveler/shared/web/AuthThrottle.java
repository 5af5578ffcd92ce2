package io.traveler.shared.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throttles the credential endpoints per client address (a token bucket refilled every minute), so password
 * guessing and sign-up floods meet 429 before they meet the password hash. Lockout (423) and the per-account
 * budget of sign-in attempts protect each account; this protects the service. The path compared is the one
 * routing sees ({@link RoutedPath}), so {@code /api/auth/%74oken} or {@code //api/auth/token;x=1} is counted
 * like {@code /api/auth/token}; the address is the {@link ClientAddress} (forwarded only by trusted proxies).
 */
public final class AuthThrottle extends OncePerRequestFilter {
    private static final Set<String> THROTTLED =
            Set.of("/api/auth/token", "/api/auth/signup", "/api/auth/refresh", "/login", "/signup");

    private final long perMinute;
    private final ClientAddress clients;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Cache<String, Bucket> buckets;

    public AuthThrottle(long perMinute, ClientAddress clients) {
        this.perMinute = perMinute;
        this.clients = clients;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(10))
                .maximumSize(100_000)
                .build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !THROTTLED.contains(RoutedPath.of(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Bucket bucket = buckets.get(clients.of(request), address -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds =
                Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
        response.setHeader("Retry-After", String.valueOf(seconds));
        if (!RoutedPath.isApi(request)) {
            writePage(response, seconds);
            return;
        }
        ProblemWriter.write(
                response,
                json,
                HttpStatus.TOO_MANY_REQUESTS,
                Problems.THROTTLED,
                "Too many requests",
                "Too many sign-in requests from your address; retry in " + seconds + " s",
                List.of());
    }

    /** The sign-in and sign-up forms are posted by browsers, which show a page, not a problem document. */
    private static void writePage(HttpServletResponse response, long seconds) throws IOException {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Too many attempts · Traveler</title><link rel="stylesheet" href="/css/app.css"></head>
                <body class="centered"><main class="auth-card"><h1>Too many attempts</h1>
                <p>Too many sign-in attempts came from your address. Please wait %d seconds, then try again.</p>
                <p><a class="button" href="/login">Back to sign-in</a></p></main></body></html>
                """.formatted(seconds));
    }
}
