package io.traveler.accounts;

/**
 * Outgoing mail of the current organization. A message is written to the organization's outbox in the caller's
 * transaction (so it exists exactly when the change that sends it does) and delivered over SMTP after commit, with
 * retries. Without SMTP configured ({@code spring.mail.host} unset) it stays in the outbox, where the
 * organization's administrators read it ({@code /app/outbox}).
 */
public interface Mailer {
    void send(String to, String subject, String text);

    /**
     * Whether messages reach their recipients alone. Without SMTP they stay in the sender's outbox, where the
     * sending organization reads them: a link followed then proves nothing about who owns the address.
     */
    boolean delivers();
}
