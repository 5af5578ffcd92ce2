package io.traveler.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address a request comes from. {@code X-Forwarded-For} is believed only when the connection comes from one of
 * the configured trusted proxies ({@code traveler.security.trusted-proxies}, addresses or CIDR ranges, empty by
 * default); the client is then the rightmost forwarded address that is not itself a trusted proxy. Anything a
 * client could write further left is ignored, so nobody picks their own throttle bucket.
 */
public final class ClientAddress {
    private static final String ATTRIBUTE = ClientAddress.class.getName();
    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private final List<IpAddressMatcher> trustedProxies;

    public ClientAddress(Collection<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(IpAddressMatcher::new)
                .toList();
    }

    public String of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String known) {
            return known;
        }
        String address = resolve(request);
        request.setAttribute(ATTRIBUTE, address);
        return address;
    }

    private String resolve(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrustedProxy(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        var headers = request.getHeaders("X-Forwarded-For");
        while (headers != null && headers.hasMoreElements()) {
            for (String hop : headers.nextElement().split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!isAddress(hop)) {
                return client;
            }
            client = hop;
            if (!isTrustedProxy(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrustedProxy(String address) {
        return isAddress(address) && trustedProxies.stream().anyMatch(m -> m.matches(address));
    }

    /** Only literal addresses: a forwarded "name" must never make the matcher resolve a host name. */
    private static boolean isAddress(String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= 45
                && (IPV4.matcher(value).matches()
                        || (value.contains(":") && IPV6.matcher(value).matches()));
    }
}
