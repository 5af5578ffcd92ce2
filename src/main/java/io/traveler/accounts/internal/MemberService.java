package io.traveler.accounts.internal;

import io.traveler.accounts.internal.security.Tokens;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.shared.web.ConflictException;
import io.traveler.shared.web.NotFoundException;
import io.traveler.shared.web.ValidationException;
import io.traveler.shared.web.Versions;
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

/** The users of an organization: add (creating the account if new), assign roles, disable, enable. */
@Service
public class MemberService {
    private final Users users;
    private final Memberships memberships;
    private final Roles roles;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final Tokens tokens;

    MemberService(
            Users users,
            Memberships memberships,
            Roles roles,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            Tokens tokens) {
        this.users = users;
        this.memberships = memberships;
        this.roles = roles;
        this.passwords = passwords;
        this.policy = policy;
        this.tokens = tokens;
    }

    public record Member(
            UUID userId,
            String email,
            String name,
            String status,
            List<Role> roles,
            boolean mfaEnabled,
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

    /** Adds an existing account by e-mail, or creates it with the given password. */
    @Transactional
    public Member add(String email, String name, String password, Set<UUID> roleIds) {
        requireRoles(roleIds);
        User user = users.findByEmailIgnoreCase(email.trim()).orElse(null);
        if (user == null) {
            if (name == null || name.isBlank()) {
                throw new ValidationException("name", "is required for a new account");
            }
            policy.check("password", password, name, email);
            user = users.saveAndFlush(new User(email, name, passwords.encode(password)));
        }
        if (memberships.findByUserId(user.id()).isPresent()) {
            throw new ConflictException("This user is already a member of the organization");
        }
        Membership membership = memberships.saveAndFlush(new Membership(user.id(), roleIds));
        return member(user, membership, rolesById());
    }

    @Transactional
    public Member change(UUID userId, String ifMatch, Set<UUID> roleIds, String status) {
        Membership membership = membershipOf(userId);
        Versions.requireMatch(ifMatch, membership.version());
        User user = users.findById(userId).orElseThrow();
        if (roleIds != null) {
            requireRoles(roleIds);
            membership.assignRoles(roleIds);
            guardLastAdministrator(userId, roleIds, status);
        }
        if (status != null) {
            switch (status) {
                case "DISABLED" -> {
                    guardNotSelf(userId);
                    guardLastAdministrator(userId, Set.of(), status);
                    membership.disable();
                    user.disable();
                    tokens.revokeAllOf(userId);
                }
                case "ACTIVE" -> {
                    membership.enable();
                    user.enable();
                }
                default -> throw new ValidationException("status", "must be ACTIVE or DISABLED");
            }
        }
        memberships.saveAndFlush(membership);
        users.saveAndFlush(user);
        return member(user, membership, rolesById());
    }

    /** Ends every session and refresh token of a member (for a lost phone, say). */
    @Transactional
    public void endSessions(UUID userId) {
        membershipOf(userId);
        User user = users.findById(userId).orElseThrow();
        user.endAllSessions();
        users.saveAndFlush(user);
        tokens.revokeAllOf(userId);
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

    private Member member(User user, Membership m, Map<UUID, Role> roleById) {
        String status = m.status() == Membership.Status.ACTIVE && user.isActive() ? "ACTIVE" : "DISABLED";
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
                user.mfaEnabled(),
                user.lastLoginAt(),
                m.version());
    }
}
