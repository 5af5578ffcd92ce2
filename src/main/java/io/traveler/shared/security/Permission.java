package io.traveler.shared.security;

/**
 * Permission codes the platform itself checks outside any module's endpoints. The catalogue of every module's codes
 * is the {@link PermissionCatalogue} bean.
 */
public final class Permission {
    /** Scraping {@code /actuator/prometheus} on the application's port. */
    public static final String METRICS_READ = "metrics:read";

    private Permission() {}
}
