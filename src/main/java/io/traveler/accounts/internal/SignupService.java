package io.traveler.accounts.internal;

import io.traveler.accounts.OrganizationCreated;
import io.traveler.accounts.OrganizationKind;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates an organization with its built-in roles and its first administrator, in one transaction. The new
 * organization becomes the tenant of that transaction, so row-level security accepts its rows.
 */
@Service
public class SignupService {
    private final Organizations organizations;
    private final Users users;
    private final Roles roles;
    private final Memberships memberships;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final EmailVerifications verifications;

    SignupService(
            Organizations organizations,
            Users users,
            Roles roles,
            Memberships memberships,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            EmailVerifications verifications) {
        this.organizations = organizations;
        this.users = users;
        this.roles = roles;
        this.memberships = memberships;
        this.passwords = passwords;
        this.policy = policy;
        this.transactions = transactions;
        this.events = events;
        this.verifications = verifications;
    }

    public record Signed(
            UUID organizationId,
            String organizationName,
            OrganizationKind kind,
            UUID userId,
            String email,
            String name) {}

    /** The administrator may sign in at once; their address is verified by the link mailed to it. */
    public Signed signUp(String organizationName, OrganizationKind kind, String name, String email, String password) {
        return signUp(organizationName, kind, name, email, password, false);
    }

    /** For accounts the application vouches for itself (demo data): verified, nothing mailed. */
    Signed signUpVerified(String organizationName, OrganizationKind kind, String name, String email, String password) {
        return signUp(organizationName, kind, name, email, password, true);
    }

    private Signed signUp(
            String organizationName,
            OrganizationKind kind,
            String name,
            String email,
            String password,
            boolean verified) {
        policy.check("password", password, name, email);
        String hash = passwords.encode(password);
        var organization = new Organization(organizationName, kind);
        var user = new User(email, name, hash);
        return TenantContext.callAs(
                Tenant.user(organization.id(), user.id()),
                () -> transactions.execute(status -> {
                    if (users.findByEmailIgnoreCase(user.email()).isPresent()) {
                        throw new ConflictException("An account with this e-mail already exists; sign in instead");
                    }
                    organizations.saveAndFlush(organization);
                    String verificationLink = verified ? null : verifications.prepare(user);
                    if (verified) {
                        user.markVerified();
                    }
                    users.saveAndFlush(user);
                    Map<BuiltInRole, Role> seeded = seedBuiltInRoles();
                    memberships.saveAndFlush(new Membership(
                            user.id(),
                            Set.of(seeded.get(BuiltInRole.ADMINISTRATOR).id())));
                    if (!verified) {
                        verifications.mail(user, verificationLink);
                    }
                    events.publishEvent(
                            new OrganizationCreated(organization.id(), organization.name(), kind, user.id()));
                    return new Signed(
                            organization.id(), organization.name(), kind, user.id(), user.email(), user.name());
                }));
    }

    /** Must run inside a transaction whose tenant is the new organization. */
    Map<BuiltInRole, Role> seedBuiltInRoles() {
        Map<BuiltInRole, Role> seeded = new EnumMap<>(BuiltInRole.class);
        for (BuiltInRole builtIn : BuiltInRole.values()) {
            seeded.put(builtIn, roles.save(Role.builtIn(builtIn)));
        }
        roles.flush();
        return seeded;
    }
}
