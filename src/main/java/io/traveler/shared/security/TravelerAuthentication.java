package io.traveler.shared.security;

import java.util.Collection;
import java.util.Optional;
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

    private static Collection<? extends GrantedAuthority> authorities(TravelerPrincipal principal) {
        return principal.permissions().stream().map(SimpleGrantedAuthority::new).toList();
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
