package io.traveler.accounts.internal;

import io.traveler.accounts.internal.security.Tokens;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.security.PrincipalChanges;
import io.traveler.shared.tenancy.TenantContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The members of an organization: their roles and status here, and their sessions here. */
@Service
public class MemberService {
    private final Users users;
    private final Memberships memberships;
    private final Roles roles;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final Tokens tokens;
    private final Grants grants;
    private final OrganizationSettings settings;
    private final PrincipalChanges principals;

    MemberService(
            Users users,
            Memberships memberships,
            Roles roles,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            Tokens tokens,
            Grants grants,
            OrganizationSettings settings,
            PrincipalChanges principals) {
        this.principals = principals;
        this.users = users;
        this.memberships = memberships;
        this.roles = roles;
        this.passwords = passwords;
        this.policy = policy;
        this.tokens = tokens;
        this.grants = grants;
        this.settings = settings;
    }

    public record Member(
            UUID userId,
            String email,
            String name,
            String status,
            List<Role> roles,
            boolean mfaEnrolmentPending,
            Instant lastLoginAt,
            long version) {}

    @Transactional(readOnly = true)
    public List<Member> list() {
        Map<UUID, Role> roleById = roles.findAll().stream().collect(Collectors.toMap(Role::id, Function.identity()));
        List<Membership> all = memberships.findAll();
        Map<UUID, User> userById = users
                .findAllById(all.stream().map(Membership::userId).toList())
                .stream()
                .collect(Collectors.toMap(User::id, Function.identity()));
        return all.stream()
                .map(m -> member(userById.get(m.userId()), m, roleById))
                .sorted(Comparator.comparing(Member::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    @Transactional(readOnly = true)
    public Member get(UUID userId) {
        Membership membership = membershipOf(userId);
        return member(users.findById(userId).orElseThrow(), membership, rolesById());
    }

    /**
     * Demo data only: creates a verified account and its membership at once. People join real organizations by
     * invitation ({@link InvitationService}).
     */
    @Transactional
    Member addDirectly(String email, String name, String password, Set<UUID> roleIds) {
        requireRoles(roleIds);
        policy.check("password", password, name, email);
        User user = new User(email, name, passwords.encode(password));
        user.markVerified();
        users.saveAndFlush(user);
        Membership membership = memberships.saveAndFlush(new Membership(user.id(), roleIds));
        return member(user, membership, rolesById());
    }

    /**
     * Changes a membership of this organization: its roles (only roles whose permissions the caller holds) and its
     * status. The account itself (password, MFA, status, other memberships) is never touched by an organization.
     */
    @Transactional
    public Member change(UUID userId, ExpectedVersion expected, Set<UUID> roleIds, String status) {
        Membership found = membershipOf(userId);
        User user = users.findById(userId).orElseThrow();
        Membership changed = VersionedChanges.change(memberships, found, expected, membership -> {
            if (roleIds != null) {
                requireRoles(roleIds);
                Set<UUID> added = new HashSet<>(roleIds);
                added.removeAll(membership.roleIds());
                grants.requireRolesHeld(added);
                membership.assignRoles(roleIds);
                guardLastAdministrator(userId, roleIds, status);
            }
            if (status != null) {
                switch (status) {
                    case "DISABLED" -> {
                        guardNotSelf(userId);
                        guardLastAdministrator(userId, Set.of(), status);
                        membership.disable();
                        tokens.revokeAllOf(userId, TenantContext.requireOrgId());
                    }
                    case "ACTIVE" -> membership.enable();
                    default -> throw new ValidationException("status", "must be ACTIVE or DISABLED");
                }
            }
            principals.announce(PrincipalChanges.Scope.MEMBERSHIP, membership.id());
        });
        return member(user, changed, rolesById());
    }

    /** Ends the member's sessions and refresh tokens in this organization (for a lost phone, say); others stay. */
    @Transactional
    public void endSessions(UUID userId) {
        Membership membership = membershipOf(userId);
        membership.endSessions();
        memberships.saveAndFlush(membership);
        principals.announce(PrincipalChanges.Scope.MEMBERSHIP, membership.id());
        tokens.revokeAllOf(userId, TenantContext.requireOrgId());
    }

    private Membership membershipOf(UUID userId) {
        return memberships.findByUserId(userId).orElseThrow(() -> NotFoundException.of("User", userId));
    }

    private Map<UUID, Role> rolesById() {
        return roles.findAll().stream().collect(Collectors.toMap(Role::id, Function.identity()));
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

    private void guardNotSelf(UUID userId) {
        if (userId.equals(TenantContext.actorId().orElse(null))) {
            throw new ConflictException("You cannot disable yourself");
        }
    }

    /** An organization always keeps at least one active administrator. */
    private void guardLastAdministrator(UUID userId, Set<UUID> newRoles, String newStatus) {
        Role admin = roles.builtIn(BuiltInRole.ADMINISTRATOR).orElseThrow();
        if (newRoles.contains(admin.id()) && !"DISABLED".equals(newStatus)) {
            return;
        }
        long otherAdmins = memberships.findAll().stream()
                .filter(m -> !m.userId().equals(userId))
                .filter(m -> m.status() == Membership.Status.ACTIVE)
                .filter(m -> m.roleIds().contains(admin.id()))
                .count();
        if (otherAdmins == 0) {
            throw new ConflictException("The organization must keep at least one active administrator");
        }
    }

    /**
     * What an organization sees of a person: the membership here, and whether they still have to enrol in two-factor
     * sign-in when this organization requires it; never their sign-ins elsewhere or their account's settings.
     */
    private Member member(User user, Membership m, Map<UUID, Role> roleById) {
        String status = m.status() == Membership.Status.ACTIVE ? "ACTIVE" : "DISABLED";
        List<Role> assigned = m.roleIds().stream()
                .map(roleById::get)
                .filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing(Role::name))
                .toList();
        return new Member(
                user.id(),
                user.email(),
                user.name(),
                status,
                assigned,
                !user.mfaEnabled() && settings.mfaRequired(m.orgId()),
                m.lastLoginAt(),
                m.version());
    }
}
