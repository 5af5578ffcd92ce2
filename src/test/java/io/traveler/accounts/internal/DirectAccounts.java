package io.traveler.accounts.internal;

import io.traveler.accounts.OrganizationCreated;
import io.traveler.accounts.OrganizationKind;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * For tests: what sign-up and an accepted invitation store, written in one transaction each through the module's
 * own entities, without HTTP, password hashing or mail. {@code io.traveler.testing.Tenants} is the way to use it.
 */
public final class DirectAccounts {
    public record Created(UUID orgId, UUID userId, String email, Set<String> permissions) {}

    private final Organizations organizations;
    private final Users users;
    private final Roles roles;
    private final Memberships memberships;
    private final SignupService signups;
    private final TransactionTemplate transactions;
    private final ApplicationContext context;
    private final PermissionCatalogue catalogue;

    public DirectAccounts(ApplicationContext context) {
        this.organizations = context.getBean(Organizations.class);
        this.users = context.getBean(Users.class);
        this.roles = context.getBean(Roles.class);
        this.memberships = context.getBean(Memberships.class);
        this.signups = context.getBean(SignupService.class);
        this.transactions = context.getBean(TransactionTemplate.class);
        this.context = context;
        this.catalogue = context.getBean(PermissionCatalogue.class);
    }

    /**
     * An organization with its built-in roles and a verified administrator, followed by {@link OrganizationCreated}
     * as sign-up publishes it, so every module sets the organization up as it would for a real one.
     */
    public Created organization(String name, OrganizationKind kind, String email, String passwordHash) {
        var organization = new Organization(name, kind);
        var user = new User(email, "Administrator", passwordHash);
        user.markVerified();
        return TenantContext.callAs(
                Tenant.user(organization.id(), user.id()),
                () -> transactions.execute(status -> {
                    organizations.saveAndFlush(organization);
                    users.saveAndFlush(user);
                    Role administrator = signups.seedBuiltInRoles().get(BuiltInRole.ADMINISTRATOR);
                    memberships.saveAndFlush(new Membership(user.id(), Set.of(administrator.id())));
                    context.publishEvent(
                            new OrganizationCreated(organization.id(), organization.name(), kind, user.id()));
                    return new Created(
                            organization.id(), user.id(), user.email(), administrator.effectivePermissions(catalogue));
                }));
    }

    /** A verified person in the organization whose only role is a custom one holding exactly {@code permissions}. */
    public Created member(UUID orgId, String email, String passwordHash, Set<String> permissions) {
        var user = new User(email, "Member", passwordHash);
        user.markVerified();
        return TenantContext.callAs(
                Tenant.user(orgId, user.id()),
                () -> transactions.execute(status -> {
                    users.saveAndFlush(user);
                    Role role = roles.saveAndFlush(
                            Role.custom("Exactly " + user.id(), "Made by a test for one member", permissions));
                    memberships.saveAndFlush(new Membership(user.id(), Set.of(role.id())));
                    return new Created(orgId, user.id(), user.email(), role.effectivePermissions(catalogue));
                }));
    }
}
