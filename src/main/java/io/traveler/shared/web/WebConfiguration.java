package io.traveler.shared.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.UrlHandlerFilter;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** The seed's paths answer with and without their trailing slash. */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashes() {
        var filter =
                UrlHandlerFilter.trailingSlashHandler("/api/**").wrapRequest().build();
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestIds> requestIds() {
        var registration = new FilterRegistrationBean<>(new RequestIds());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(Environment env) {
        var registration = new FilterRegistrationBean<>(new BodySizeLimit(
                env.getProperty("traveler.api.max-body-bytes", Long.class, 1L << 20),
                env.getProperty("traveler.api.max-import-bytes", Long.class, 64L << 20)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** Where requests come from: {@code X-Forwarded-For} counts only behind the proxies named here. */
    @Bean
    ClientAddress clientAddress(Environment env) {
        return new ClientAddress(
                List.of(env.getProperty("traveler.security.trusted-proxies", String[].class, new String[0])));
    }

    @Bean
    FilterRegistrationBean<AuthThrottle> authThrottle(Environment env, ClientAddress clients) {
        var registration = new FilterRegistrationBean<>(new AuthThrottle(
                env.getProperty("traveler.security.auth-requests-per-minute", Long.class, 120L), clients));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }

    /** Runs inside the security chain's tenant scope, so keys are stored per organization and actor. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotency(JdbcClient jdbc, TransactionTemplate transactions) {
        var registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(jdbc, transactions, Duration.ofSeconds(30)));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
