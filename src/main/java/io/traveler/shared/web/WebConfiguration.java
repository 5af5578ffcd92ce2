package io.traveler.shared.web;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.resource.VersionResourceResolver;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /**
     * Lets the idempotency filter learn that a request's handler answers with a secret; bounds every {@code ?q=}
     * search, API and pages, before its handler runs; tells browsers how long to keep static files.
     */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SecretResponses());
        registry.addInterceptor(new SearchQueries());
        registry.addInterceptor(new StaticFileCaching());
    }

    /**
     * Stylesheets, scripts, images and WebJars, each from its own folder, linked by the pages under a name carrying a
     * hash of their content ({@code /css/app-<md5>.css}, written into every {@code @{...}} link by
     * the {@code ResourceUrlEncodingFilter} Spring Boot registers for Thymeleaf) so
     * that browsers keep them ({@link StaticFileCaching}). Not Spring Boot's {@code /**}: with it every link a page
     * writes was looked up in four folders of every jar on the classpath.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String folder : List.of("css", "js", "img")) {
            namedByContent(registry.addResourceHandler("/" + folder + "/**")
                    .addResourceLocations("classpath:/static/" + folder + "/"));
        }
        namedByContent(registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/"));
    }

    private static void namedByContent(ResourceHandlerRegistration files) {
        files.resourceChain(true).addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
    }

    /** Request mappings looked up by their literal beginnings first (see {@link PathPrefixedHandlerMapping}). */
    @Bean
    WebMvcRegistrations pathPrefixedHandlerMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PathPrefixedHandlerMapping();
            }
        };
    }

    /** Replaces Spring Boot's error controller: under /api every error is a problem. */
    @Bean
    ApiErrorController errorController(
            ErrorAttributes attributes, WebProperties web, ObjectProvider<ErrorViewResolver> resolvers) {
        return new ApiErrorController(
                attributes, web.getError(), resolvers.orderedStream().toList());
    }

    /**
     * Replaces the error report valve Spring Boot gives Tomcat's host (after Boot's own customizer has added it), so
     * requests Tomcat rejects before routing are problems under /api too.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    var host = (StandardHost) context.getParent();
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemErrorReportValve());
                });
            }
        };
    }

    /** Inside the admission line, outside every filter that may reach the database (security, idempotency). */
    @Bean
    FilterRegistrationBean<TransientFailureFilter> transientFailures() {
        var registration = new FilterRegistrationBean<>(new TransientFailureFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        return registration;
    }

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

    /**
     * Requests work a few at a time, admitted in order ({@link RequestAdmission}); {@code
     * traveler.web.concurrent-requests} (default four per processor, 0 = no bound) and {@code
     * traveler.web.admission-wait} (default 1 s) tune it.
     */
    @Bean
    FilterRegistrationBean<RequestAdmission> requestAdmission(Environment env) {
        int limit = env.getProperty(
                "traveler.web.concurrent-requests",
                Integer.class,
                4 * Runtime.getRuntime().availableProcessors());
        var registration = new FilterRegistrationBean<>(new RequestAdmission(
                Math.max(limit, 1),
                env.getProperty("traveler.web.admission-wait", Duration.class, Duration.ofSeconds(1))));
        registration.setEnabled(limit > 0);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /**
     * The admission line in {@code /actuator/prometheus}: {@code traveler_requests_working} (holding a place) and
     * {@code traveler_requests_waiting} (in line). A queue that stays long says the server is short of capacity.
     */
    @Bean
    MeterBinder requestAdmissionMetrics(FilterRegistrationBean<RequestAdmission> admission) {
        RequestAdmission line = admission.getFilter();
        return registry -> {
            Gauge.builder("traveler.requests.working", line, RequestAdmission::working)
                    .description("Requests admitted and not finished")
                    .register(registry);
            Gauge.builder("traveler.requests.waiting", line, RequestAdmission::waiting)
                    .description("Requests waiting for a place to work")
                    .register(registry);
        };
    }

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(Environment env) {
        var registration = new FilterRegistrationBean<>(new BodySizeLimit(
                env.getProperty("traveler.api.max-body-bytes", Long.class, 1L << 20),
                env.getProperty("traveler.api.max-import-bytes", DataSize.class, DataSize.ofMegabytes(64))
                        .toBytes()));
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
    FilterRegistrationBean<IdempotencyFilter> idempotency(
            JdbcClient jdbc, TransactionTemplate transactions, ClientAddress clients) {
        var registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(jdbc, transactions, Duration.ofSeconds(30), clients));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }

    @Bean
    IdempotencyKeyPurge idempotencyKeyPurge(JdbcClient jdbc) {
        return new IdempotencyKeyPurge(jdbc);
    }

    /** Expired keys go on a schedule ({@code traveler.idempotency.purge-interval}, hourly), not only on the next claim. */
    @Bean
    RecurringTask<Void> idempotencyKeyPurgeTask(IdempotencyKeyPurge purge, Environment env) {
        Duration interval = env.getProperty("traveler.idempotency.purge-interval", Duration.class, Duration.ofHours(1));
        return Tasks.recurring("idempotency-key-purge", FixedDelay.of(interval))
                .execute((instance, context) -> purge.purgeExpired());
    }
}
