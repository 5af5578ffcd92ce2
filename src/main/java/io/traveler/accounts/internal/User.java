package io.traveler.accounts.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.jpa.Stamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A global identity; it belongs to organizations through memberships. */
@Entity
@Table(schema = "accounts", name = "users")
public class User extends Stamped {
    public enum Status {
        ACTIVE,
        DISABLED
    }

    @Id
    private UUID id = Ids.newId();

    private String email;
    private String name;
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    private Status status = Status.ACTIVE;

    // Sign-in bookkeeping is written with plain SQL only (Authenticator): a save of this entity must never put
    // back a count or lock it read before a concurrent attempt.
    @Column(insertable = false, updatable = false)
    private int failedLoginAttempts;

    @Column(insertable = false, updatable = false)
    private Instant lockedUntil;

    private boolean mfaEnabled;
    /** Sealed by {@code SecretBox} (AES-GCM), never in clear. */
    private String totpSecret;

    @Column(insertable = false, updatable = false)
    private Instant lastLoginAt;

    private Instant sessionsValidAfter;

    @Column(insertable = false, updatable = false)
    private UUID lastOrgId;

    private Instant emailVerifiedAt;
    private String verificationTokenHash;
    private Instant verificationExpiresAt;

    protected User() {}

    public User(String email, String name, String passwordHash) {
        this.email = email.trim().toLowerCase(java.util.Locale.ROOT);
        this.name = name.trim();
        this.passwordHash = passwordHash;
        this.sessionsValidAfter = Instant.now().minusSeconds(1);
    }

    /** An account whose id was chosen before the transaction that creates it (an invitee's). */
    static User withId(UUID id, String email, String name, String passwordHash) {
        User user = new User(email, name, passwordHash);
        user.id = id;
        return user;
    }

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public void disable() {
        status = Status.DISABLED;
        endAllSessions();
    }

    public void enable() {
        status = Status.ACTIVE;
    }

    /** Tokens and sessions issued before now stop working (tokens carry their issue time to the millisecond). */
    public void endAllSessions() {
        sessionsValidAfter = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public void changePassword(String newHash) {
        passwordHash = newHash;
        endAllSessions();
    }

    /** A new verification link replaces the previous one. */
    public void startVerification(String tokenHash, Instant expiresAt) {
        this.verificationTokenHash = tokenHash;
        this.verificationExpiresAt = expiresAt;
    }

    /** The owner of the address followed a link mailed to it. */
    public void markVerified() {
        if (emailVerifiedAt == null) {
            emailVerifiedAt = Instant.now();
        }
        verificationTokenHash = null;
        verificationExpiresAt = null;
    }

    /**
     * The owner of an unverified address takes the account over through a mailed link: a new password, the address
     * verified, and every earlier session and token ended, so whoever signed up with it is out.
     */
    public void claimByAddressOwner(String newPasswordHash, String name) {
        changePassword(newPasswordHash);
        if (name != null && !name.isBlank()) {
            rename(name);
        }
        markVerified();
    }

    public boolean isVerified() {
        return emailVerifiedAt != null;
    }

    public Instant emailVerifiedAt() {
        return emailVerifiedAt;
    }

    public Instant verificationExpiresAt() {
        return verificationExpiresAt;
    }

    public void rename(String name) {
        this.name = name.trim();
    }

    public void enrolTotp(String sealedSecret) {
        this.totpSecret = sealedSecret;
        this.mfaEnabled = false;
    }

    public void confirmTotp() {
        this.mfaEnabled = true;
    }

    public void removeTotp() {
        this.mfaEnabled = false;
        this.totpSecret = null;
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Status status() {
        return status;
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    public boolean mfaEnabled() {
        return mfaEnabled;
    }

    public String totpSecret() {
        return totpSecret;
    }

    public Instant lastLoginAt() {
        return lastLoginAt;
    }

    public Instant sessionsValidAfter() {
        return sessionsValidAfter;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }

    public UUID lastOrgId() {
        return lastOrgId;
    }
}
