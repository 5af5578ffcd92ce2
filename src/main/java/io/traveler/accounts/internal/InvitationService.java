package io.traveler.accounts.internal;

import io.traveler.accounts.Mailer;
import io.traveler.accounts.internal.security.Tokens;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adding a person to an organization: an invitation mailed to their address, which they accept by following its
 * link — signed in as the verified account with that address, or signed out by choosing a password there. The link
 * proves the address, so an unverified account with it (perhaps a squatter's) is taken over by the invitee: new
 * password, address verified, every earlier session ended. Nobody joins without the mailed token.
 */
@Service
public class InvitationService {
    static final Duration VALIDITY = Duration.ofDays(7);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Invitations invitations;
    private final Users users;
    private final Memberships memberships;
    private final Roles roles;
    private final Organizations organizations;
    private final Grants grants;
    private final Mailer mailer;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final Tokens tokens;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String publicUrl;
    private final int maxPending;

    InvitationService(
            Invitations invitations,
            Users users,
            Memberships memberships,
            Roles roles,
            Organizations organizations,
            Grants grants,
            Mailer mailer,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            Tokens tokens,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            @Value("${traveler.public-url:http://localhost:8080}") String publicUrl,
            @Value("${traveler.invitations.max-pending:500}") int maxPending) {
        this.maxPending = maxPending;
        this.invitations = invitations;
        this.users = users;
        this.memberships = memberships;
        this.roles = roles;
        this.organizations = organizations;
        this.grants = grants;
        this.mailer = mailer;
        this.passwords = passwords;
        this.policy = policy;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public record Invited(
            UUID id,
            String email,
            String name,
            List<Role> roles,
            Invitation.Status status,
            Instant expiresAt,
            Instant createdAt,
            long version) {}

    /** What an invitee sees when opening the link, before acting. */
    public record Preview(
            UUID orgId, String organizationName, String email, String name, Account account, String problem) {
        public enum Account {
            NONE,
            UNVERIFIED,
            VERIFIED
        }

        public boolean usable() {
            return problem == null;
        }
    }

    public record Accepted(UUID orgId, String organizationName, UUID userId, String email, String name) {}

    // --- the organization's side -------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<Invited> pending() {
        return invitations.findAllByStatusOrderByCreatedAtDesc(Invitation.Status.PENDING).stream()
                .map(this::invited)
                .toList();
    }

    @Transactional(readOnly = true)
    public Invited get(UUID id) {
        return invited(find(id));
    }

    /** Invites an address, or renews its pending invitation (new roles, new link; the old link stops working). */
    @Transactional
    public Invited invite(String email, String name, Set<UUID> roleIds) {
        requireRoles(roleIds);
        grants.requireRolesHeld(roleIds);
        String address = email.trim();
        users.findByEmailIgnoreCase(address).ifPresent(user -> {
            if (memberships.findByUserId(user.id()).isPresent()) {
                throw new ConflictException("This person is already a member of the organization");
            }
        });
        String token = SecretTokens.newToken();
        Instant expiresAt = Instant.now().plus(VALIDITY);
        UUID inviter = inviter();
        Invitation invitation = invitations
                .pendingFor(address)
                .map(pending -> {
                    pending.renew(name, roleIds, inviter, SecretTokens.sha256(token), expiresAt);
                    return pending;
                })
                .orElseGet(() -> {
                    requireRoomForAnother();
                    return new Invitation(address, name, roleIds, inviter, SecretTokens.sha256(token), expiresAt);
                });
        invitation = invitations.saveAndFlush(invitation);
        mail(invitation, token);
        return invited(invitation);
    }

    /**
     * Pending invitations are bounded per organization ({@code traveler.invitations.max-pending}): each holds a live
     * link to someone's address, and the mail budget alone would let them pile up week after week.
     */
    private void requireRoomForAnother() {
        Integer pending = jdbc.sql("""
                        select count(*)::int from accounts.invitations
                         where org_id = :org and status = 'PENDING' and expires_at > now()
                        """)
                .param("org", TenantContext.requireOrgId())
                .query(Integer.class)
                .single();
        if (pending >= maxPending) {
            throw new ConflictException("The organization has " + pending + " pending invitations, its limit;"
                    + " withdraw some before inviting more");
        }
    }

    /** A new link for a pending invitation, mailed again. */
    @Transactional
    public Invited resend(UUID id) {
        Invitation invitation = find(id);
        grants.requireRolesHeld(invitation.roleIds());
        String token = SecretTokens.newToken();
        invitation.renew(
                null,
                invitation.roleIds(),
                inviter(),
                SecretTokens.sha256(token),
                Instant.now().plus(VALIDITY));
        invitation = invitations.saveAndFlush(invitation);
        mail(invitation, token);
        return invited(invitation);
    }

    @Transactional
    public void revoke(UUID id, ExpectedVersion expected) {
        VersionedChanges.change(invitations, find(id), expected, Invitation::revoke);
    }

    // --- the invitee's side ------------------------------------------------------------------------------------

    public Preview preview(String token) {
        Found found = lookUp(token).orElse(null);
        if (found == null) {
            return new Preview(null, null, null, null, Preview.Account.NONE, "This invitation link is not valid.");
        }
        String problem = found.problem();
        Preview.Account account = transactions.execute(status -> users.findByEmailIgnoreCase(found.email())
                .map(u -> u.isVerified() ? Preview.Account.VERIFIED : Preview.Account.UNVERIFIED)
                .orElse(Preview.Account.NONE));
        return new Preview(found.orgId(), found.organizationName(), found.email(), found.name(), account, problem);
    }

    /**
     * Accepts an invitation. Signed in ({@code signedIn} not null): only as the verified account with the invited
     * address. Signed out: with a password, which creates the account, or replaces the password of an unverified
     * one (ending all its sessions); a verified account must sign in instead.
     */
    public Accepted accept(String token, TravelerPrincipal signedIn, String name, String password) {
        Found found = lookUp(token).orElseThrow(() -> new NotFoundException("Invitation", "of this link"));
        if (found.problem() != null) {
            throw new ConflictException(found.problem());
        }
        if (signedIn != null && signedIn.kind() != Tenant.ActorKind.USER) {
            throw new ForbiddenException("Only the invited person can accept an invitation, not an API key");
        }
        User existing = transactions.execute(
                status -> users.findByEmailIgnoreCase(found.email()).orElse(null));
        UUID userId;
        if (signedIn != null) {
            if (existing == null || !existing.id().equals(signedIn.actorId())) {
                throw new ForbiddenException("This invitation is for another address; sign in as " + found.email());
            }
            if (!existing.isVerified()) {
                throw new ConflictException("Verify your address before accepting invitations: follow the link we"
                        + " mailed you, or open this invitation signed out and choose a new password");
            }
            userId = existing.id();
        } else {
            if (existing != null && existing.isVerified()) {
                throw new ConflictException(
                        "An account with this address exists: sign in as " + found.email() + ", then accept");
            }
            String displayName = name != null && !name.isBlank() ? name : found.name();
            if (existing == null && (displayName == null || displayName.isBlank())) {
                throw new ValidationException("name", "is required for a new account");
            }
            if (displayName != null && displayName.trim().length() > 200) {
                throw new ValidationException("name", "must be at most 200 characters");
            }
            policy.check("password", password, displayName == null ? existing.name() : displayName, found.email());
            userId = existing == null ? io.traveler.shared.Ids.newId() : existing.id();
        }
        String hash = signedIn == null ? passwords.encode(password) : null;
        String chosenName = name != null && !name.isBlank() ? name : found.name();
        return TenantContext.callAs(
                Tenant.user(found.orgId(), userId),
                () -> transactions.execute(status -> join(found, userId, existing, hash, chosenName)));
    }

    /** One transaction in the inviting organization: the account (new or claimed), the membership, the invitation. */
    private Accepted join(Found found, UUID userId, User existing, String passwordHash, String name) {
        Invitation invitation =
                invitations.lockById(found.id()).orElseThrow(() -> new NotFoundException("Invitation", "of this link"));
        User user;
        if (existing == null) {
            if (users.findByEmailIgnoreCase(found.email()).isPresent()) {
                throw new ConflictException("An account with this address was just created; sign in to accept");
            }
            user = User.withId(userId, found.email(), name, passwordHash);
            if (mailer.delivers()) {
                user.markVerified();
            }
            users.saveAndFlush(user);
        } else {
            user = users.findById(userId).orElseThrow();
            if (passwordHash != null) {
                if (user.isVerified()) {
                    throw new ConflictException("An account with this address exists: sign in, then accept");
                }
                if (!mailer.delivers()) {
                    throw new ConflictException("An account with this address exists, and without mail delivery this"
                            + " link cannot prove the address is yours: sign in and verify the address first");
                }
                user.claimByAddressOwner(passwordHash, name);
                users.saveAndFlush(user);
                tokens.revokeAllOf(user.id());
            }
        }
        invitation.accept(user.id());
        invitations.saveAndFlush(invitation);
        if (memberships.findByUserId(user.id()).isEmpty()) {
            Set<UUID> stillThere = new HashSet<>(roles.findAllById(invitation.roleIds()).stream()
                    .map(Role::id)
                    .toList());
            if (stillThere.isEmpty()) {
                throw new ConflictException("The roles of this invitation no longer exist; ask for a new one");
            }
            memberships.saveAndFlush(new Membership(user.id(), stillThere));
        }
        return new Accepted(found.orgId(), found.organizationName(), user.id(), user.email(), user.name());
    }

    private record Found(
            UUID id, UUID orgId, String organizationName, String email, String name, String status, Instant expiresAt) {
        String problem() {
            if (!"PENDING".equals(status)) {
                return "This invitation was already used or withdrawn.";
            }
            if (!expiresAt.isAfter(Instant.now())) {
                return "This invitation has expired; ask for a new one.";
            }
            return null;
        }
    }

    /** The invitation of a token, found by its hash before the organization is known (a row-level policy allows it). */
    private Optional<Found> lookUp(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = SecretTokens.sha256(token.trim());
        return TenantContext.callAs(
                Tenant.anonymous(),
                () -> transactions.execute(status -> {
                    jdbc.sql("select set_config('app.invitation_token_hash', :hash, true)")
                            .param("hash", hash)
                            .query()
                            .singleValue();
                    return jdbc.sql("""
                            select i.id, i.org_id, o.name, i.email, i.name, i.status, i.expires_at
                              from accounts.invitations i join accounts.organizations o on o.id = i.org_id
                             where i.token_hash = :hash
                            """)
                            .param("hash", hash)
                            .query((rs, n) -> new Found(
                                    rs.getObject(1, UUID.class),
                                    rs.getObject(2, UUID.class),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getTimestamp(7).toInstant()))
                            .optional();
                }));
    }

    private void mail(Invitation invitation, String token) {
        String organization = organizations
                .findById(TenantContext.requireOrgId())
                .map(Organization::name)
                .orElseThrow();
        String inviter =
                TravelerAuthentication.current().map(TravelerPrincipal::name).orElse("An administrator");
        mailer.send(invitation.email(), "You are invited to join " + organization + " on Traveler", """
                %s invited you to join %s on Traveler.

                To accept, open this link (it works once, until %s):
                %s/invitations/%s

                If you did not expect this invitation, ignore this message: nothing happens unless you open the link.
                """.formatted(
                        inviter, organization, WHEN.format(invitation.expiresAt()), publicUrl, token));
    }

    private Invitation find(UUID id) {
        return invitations.findById(id).orElseThrow(() -> NotFoundException.of("Invitation", id));
    }

    private static UUID inviter() {
        return TravelerAuthentication.current()
                .filter(p -> p.kind() == Tenant.ActorKind.USER)
                .map(TravelerPrincipal::actorId)
                .orElse(null);
    }

    private void requireRoles(Set<UUID> roleIds) {
        if (roleIds == null || roleIds.isEmpty()) {
            throw new ValidationException("role_ids", "must name at least one role");
        }
        Set<UUID> known =
                new HashSet<>(roles.findAllById(roleIds).stream().map(Role::id).toList());
        for (UUID id : roleIds) {
            if (!known.contains(id)) {
                throw new ValidationException("role_ids", id + " is not a role of this organization");
            }
        }
    }

    private Invited invited(Invitation i) {
        Instant now = Instant.now();
        List<Role> assigned = roles.findAllById(i.roleIds()).stream()
                .sorted(java.util.Comparator.comparing(Role::name))
                .toList();
        return new Invited(
                i.id(), i.email(), i.name(), assigned, i.statusAt(now), i.expiresAt(), i.createdAt(), i.version());
    }
}
