package io.traveler.accounts.internal.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("traveler.security")
public record SecurityProperties(
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        /*
         * How long a cached caller may be used at most. Changes drop it at once (PrincipalChanges); this bounds what a
         * change nobody announced could leave in place.
         */
        @DefaultValue("5s") Duration principalCacheTtl,
        @DefaultValue("10000") int principalCacheSize) {}
