package io.traveler.accounts.internal.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.traveler.shared.security.TravelerAuthentication;
import java.time.Instant;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Two filter chains. The API ({@code /api/**}) is stateless: bearer JWTs or API keys, problems for 401/403,
 * no CSRF (no cookies). The UI ({@code /app/**}, {@code /login}) uses form login with a session and CSRF.
 * Permissions are checked per endpoint with {@code @PreAuthorize}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecretKey tokenSigningKey(Environment env) {
        return SigningKey.load(env);
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey key) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(key));
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey key) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(Tokens.ISSUER),
                jwt -> jwt.getClaimAsString(Tokens.ORG_CLAIM) != null
                        ? org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success()
                        : org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.failure(
                                new org.springframework.security.oauth2.core.OAuth2Error(
                                        "invalid_token", "no organization", null))));
        return decoder;
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, PrincipalLoader principals, ApiKeyAuthentication apiKeys)
            throws Exception {
        var problems = new ProblemEntryPoint();
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                HttpMethod.POST,
                                "/api/auth/signup",
                                "/api/auth/token",
                                "/api/auth/refresh",
                                "/api/auth/logout")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtToPrincipal(principals)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiKeyFilter(apiKeys, problems), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new TenantContextFilter(), AuthorizationFilter.class);
        return http.build();
    }

    private static Converter<Jwt, AbstractAuthenticationToken> jwtToPrincipal(PrincipalLoader principals) {
        return jwt -> {
            UUID userId;
            UUID orgId;
            UUID sessionId;
            try {
                userId = UUID.fromString(jwt.getSubject());
                orgId = UUID.fromString(jwt.getClaimAsString(Tokens.ORG_CLAIM));
                sessionId = UUID.fromString(jwt.getClaimAsString(Tokens.SESSION_CLAIM));
            } catch (RuntimeException e) {
                throw new InvalidBearerTokenException("The token names no valid user, organization or session");
            }
            Object millis = jwt.getClaims().get(Tokens.ISSUED_AT_MILLIS_CLAIM);
            Instant issuedAt = millis instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : jwt.getIssuedAt();
            var authentication = principals
                    .user(userId, orgId, issuedAt, sessionId)
                    .map(TravelerAuthentication::new)
                    .orElseThrow(() -> new InvalidBearerTokenException(
                            "The token's user, membership or session is no longer active"));
            authentication.setDetails(new Tokens.SessionId(sessionId));
            return authentication;
        };
    }

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http, PrincipalLoader principals, FormLoginProvider formLogin)
            throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/login",
                                "/signup",
                                "/error",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/favicon.ico",
                                "/actuator/health/**",
                                "/actuator/health",
                                "/actuator/info",
                                "/actuator/prometheus",
                                "/v3/api-docs/**",
                                "/v3/api-docs",
                                "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .denyAll()
                        .anyRequest()
                        .authenticated())
                .authenticationProvider(formLogin)
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .authenticationDetailsSource(FormLoginProvider.Details::new)
                        .defaultSuccessUrl("/app/", true)
                        .failureHandler(FormLoginProvider.failureHandler())
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .addFilterAfter(new SessionRefreshFilter(principals), SecurityContextHolderFilter.class)
                .addFilterAfter(new TenantContextFilter(), AuthorizationFilter.class);
        return http.build();
    }
}
