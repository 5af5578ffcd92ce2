package io.traveler.shared.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** An authenticated {@link TravelerPrincipal}; its authorities are its permission codes. */
public final class TravelerAuthentication extends AbstractAuthenticationToken {
    private final TravelerPrincipal principal;

    public TravelerAuthentication(TravelerPrincipal principal) {
        super(authorities(principal));
        this.principal = principal;
        setAuthenticated(true);
    }

    /**
     * The authorities of each permission set, made once: a cached caller brings the same set to every request, and
     * making a hundred authorities per request cost 1 % of a GET. Keyed by identity, dropped with the set.
     */
    private static final Cache<Set<String>, List<GrantedAuthority>> AUTHORITIES =
            Caffeine.newBuilder().weakKeys().build();

    private static Collection<? extends GrantedAuthority> authorities(TravelerPrincipal principal) {
        return AUTHORITIES.get(principal.permissions(), permissions -> permissions.stream()
                .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                .toList());
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public TravelerPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.actorId().toString();
    }

    public static Optional<TravelerPrincipal> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof TravelerAuthentication t ? Optional.of(t.getPrincipal()) : Optional.empty();
    }
}
