package io.traveler.shared.tenancy;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The organization and actor of the current unit of work. Set by the web layer after authentication and by
 * listeners and jobs from the event they handle, always before a transaction opens: the transaction manager
 * copies it into PostgreSQL ({@code app.org_id}) and Hibernate fixes its tenant when the session opens.
 */
public final class TenantContext {
    private static final ThreadLocal<Tenant> CURRENT = new ThreadLocal<>();

    private TenantContext() {}

    public static Tenant current() {
        Tenant tenant = CURRENT.get();
        return tenant == null ? Tenant.anonymous() : tenant;
    }

    public static Optional<UUID> orgId() {
        return Optional.ofNullable(current().orgId());
    }

    public static UUID requireOrgId() {
        return orgId().orElseThrow(() -> new IllegalStateException("No organization in this unit of work"));
    }

    public static Optional<UUID> actorId() {
        return Optional.ofNullable(current().actorId());
    }

    public static void set(Tenant tenant) {
        CURRENT.set(tenant);
    }

    public static void clear() {
        CURRENT.remove();
    }

    /** Runs {@code work} as {@code tenant}, restoring whatever was current before. */
    public static <T> T callAs(Tenant tenant, Supplier<T> work) {
        Tenant previous = CURRENT.get();
        CURRENT.set(tenant);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public static void runAs(Tenant tenant, Runnable work) {
        callAs(tenant, () -> {
            work.run();
            return null;
        });
    }
}
