package io.traveler.accounts.internal.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** TOTP seeds stored in clear before they were encrypted are sealed once, at start. */
@Component
class ClearSecretsSealer {
    private static final Logger log = LoggerFactory.getLogger(ClearSecretsSealer.class);

    private final JdbcClient jdbc;
    private final SecretBox box;

    ClearSecretsSealer(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    private record Clear(java.util.UUID userId, String secret) {}

    @EventListener(ApplicationReadyEvent.class)
    void sealClearTotpSecrets() {
        var clear = jdbc.sql(
                        "select id, totp_secret from accounts.users where totp_secret is not null and totp_secret not like 'aesgcm:%'")
                .query((rs, n) -> new Clear(rs.getObject(1, java.util.UUID.class), rs.getString(2)))
                .list();
        for (Clear c : clear) {
            jdbc.sql("update accounts.users set totp_secret = :sealed where id = :user and totp_secret = :clear")
                    .param("sealed", box.seal(c.secret()))
                    .param("user", c.userId())
                    .param("clear", c.secret())
                    .update();
        }
        if (!clear.isEmpty()) {
            log.info("Encrypted {} TOTP secrets that were stored in clear", clear.size());
        }
    }
}
