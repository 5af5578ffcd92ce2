package io.traveler.accounts.internal.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.traveler.shared.security.Permission;
import io.traveler.shared.security.TravelerAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
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
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Three filter chains. The API ({@code /api/**}) is stateless: bearer JWTs or API keys, problems for 401/403,
 * no CSRF (no cookies). Actuator ({@code /actuator/**}) is stateless too: health and info are open, Prometheus needs
 * {@code metrics:read} unless it is served on a separate management port. The UI ({@code /app/**}, {@code /login})
 * uses form login with a session and CSRF. Permissions are checked per endpoint with {@code @PreAuthorize}. Every
 * response carries a Content-Security-Policy, {@code Referrer-Policy}, {@code X-Content-Type-Options: nosniff} and
 * {@code X-Frame-Options: DENY}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {
    /** Scripts and styles from Traveler's own files only: no inline script, no inline handler, no eval. */
    static final String UI_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    /** Swagger UI sets inline styles on its elements; its scripts still come from its own files only. */
    static final String SWAGGER_UI_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    /** JSON and CSV are never rendered as documents: nothing may load or frame them. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static Customizer<HeadersConfigurer<HttpSecurity>> securityHeaders(String policy) {
        return headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .contentTypeOptions(Customizer.withDefaults());
    }

    private static Customizer<HeadersConfigurer<HttpSecurity>> uiSecurityHeaders() {
        RequestMatcher swaggerUi = PathPatternRequestMatcher.pathPattern("/swagger-ui/**");
        return headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        swaggerUi, new StaticHeadersWriter("Content-Security-Policy", SWAGGER_UI_POLICY)))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new NegatedRequestMatcher(swaggerUi),
                        new StaticHeadersWriter("Content-Security-Policy", UI_POLICY)))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .contentTypeOptions(Customizer.withDefaults());
    }

    /**
     * bcrypt with {@code traveler.security.password-hash-strength} rounds (log 2, default 10), behind the
     * {@code {bcrypt}} prefix of Spring's delegating encoder. A stored hash carries its own strength, so raising it
     * only makes the passwords set from then on costlier to check.
     */
    @Bean
    PasswordEncoder passwordEncoder(Environment env) {
        int strength = env.getProperty("traveler.security.password-hash-strength", Integer.class, 10);
        if (strength < 4 || strength > 31) {
            throw new IllegalStateException(
                    "traveler.security.password-hash-strength must be between 4 and 31 (bcrypt's log rounds), not "
                            + strength);
        }
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(strength)));
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
        return new VerifiedTokens(decoder, 10_000);
    }

    /**
     * No observation around each of Spring Security's filters, its authentication and its authorization: the request's
     * own {@code http.server.requests} observation measures the request, and the per-filter wrapping cost more than
     * the filters themselves even with the observations switched off by {@code management.observations.enable}.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** The default firewall's rules, checked without its regular expressions (see {@link FirewallText}). */
    @Bean
    WebSecurityCustomizer firewall() {
        StrictHttpFirewall firewall = FirewallText.firewall();
        return web -> web.httpFirewall(firewall);
    }

    /** Bearer tokens from the {@code Authorization} header only (see {@link BearerTokens}). */
    @Bean
    BearerTokenResolver bearerTokens() {
        return new BearerTokens();
    }

    /**
     * Failed authentications are published as events; successful ones are not: an API client authenticates on every
     * request, nothing listens for it, and each publication walked the application's listeners.
     */
    @Bean
    AuthenticationEventPublisher authenticationEvents(ApplicationEventPublisher events) {
        var failures = new DefaultAuthenticationEventPublisher(events);
        return new AuthenticationEventPublisher() {
            @Override
            public void publishAuthenticationSuccess(Authentication authentication) {}

            @Override
            public void publishAuthenticationFailure(AuthenticationException exception, Authentication authentication) {
                failures.publishAuthenticationFailure(exception, authentication);
            }
        };
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
                                "/api/auth/logout",
                                "/api/auth/verify-email",
                                "/api/invitations/accept")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtToPrincipal(principals)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiKeyFilter(apiKeys, problems), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new TenantContextFilter(), AuthorizationFilter.class)
                .headers(securityHeaders(API_POLICY));
        statelessOnly(http);
        return http.build();
    }

    /**
     * Health and info stay open on the application's port (load balancers use them). Prometheus is scraped with an
     * API key or token holding {@code metrics:read}; when {@code management.server.port} moves actuator to a port of
     * its own, which the operator keeps internal, it is open there.
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuator(
            HttpSecurity http, PrincipalLoader principals, ApiKeyAuthentication apiKeys, Environment env)
            throws Exception {
        var problems = new ProblemEntryPoint();
        http.securityMatcher("/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(
                        auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                                .permitAll()
                                .requestMatchers(onManagementPort(env))
                                .permitAll()
                                .requestMatchers("/actuator/prometheus")
                                .hasAuthority(Permission.METRICS_READ)
                                .anyRequest()
                                .denyAll())
                .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtToPrincipal(principals)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiKeyFilter(apiKeys, problems), BearerTokenAuthenticationFilter.class)
                .headers(securityHeaders(API_POLICY));
        statelessOnly(http);
        return http.build();
    }

    /**
     * A stateless chain has no saved request to return to after a sign-in, no form logout (the API's is a
     * controller) and no handler asking the servlet request who is calling (they read the security context): the
     * filters for them only wrapped each request once more, and every later read of the request went through it.
     */
    private static void statelessOnly(HttpSecurity http) throws Exception {
        http.requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .servletApi(servletApi -> servletApi.disable());
    }

    /** A request that arrived on the separate management server, when there is one. */
    private static RequestMatcher onManagementPort(Environment env) {
        return (HttpServletRequest request) -> {
            Integer managementPort = env.getProperty("local.management.port", Integer.class);
            Integer serverPort = env.getProperty("local.server.port", Integer.class);
            return managementPort != null
                    && managementPort > 0
                    && !managementPort.equals(serverPort)
                    && request.getLocalPort() == managementPort;
        };
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
                                "/invitations/**",
                                "/verify-email/**",
                                "/error",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/img/**",
                                "/favicon.ico",
                                "/v3/api-docs/**",
                                "/v3/api-docs",
                                "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .authenticationProvider(formLogin)
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .authenticationDetailsSource(FormLoginProvider.Details::new)
                        .successHandler(new BackToAskedPage())
                        .failureHandler(FormLoginProvider.failureHandler())
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .addFilterAfter(new SessionRefreshFilter(principals), SecurityContextHolderFilter.class)
                .addFilterAfter(new TenantContextFilter(), AuthorizationFilter.class)
                .headers(uiSecurityHeaders());
        return http.build();
    }
}
