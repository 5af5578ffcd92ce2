package io.traveler.accounts.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordHashStrengthTests {
    @Test
    void passwordsAreHashedWithBcryptAtTenRoundsUnlessConfigured() {
        assertThat(encoder(new MockEnvironment()).encode("correct horse battery"))
                .startsWith("{bcrypt}$2a$10$");

        var encoder = encoder(withStrength("5"));
        String hash = encoder.encode("correct horse battery");
        assertThat(hash).startsWith("{bcrypt}$2a$05$");
        assertThat(encoder.matches("correct horse battery", hash)).isTrue();
        assertThat(encoder.matches("correct horse battery!", hash)).isFalse();
    }

    @Test
    void aHashStoredAtAnotherStrengthStillMatches() {
        String older = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("correct horse battery");
        assertThat(encoder(withStrength("6")).matches("correct horse battery", older))
                .isTrue();
    }

    @Test
    void aStrengthBcryptDoesNotHaveStopsTheStart() {
        for (String strength : new String[] {"3", "32"}) {
            assertThatThrownBy(() -> encoder(withStrength(strength)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("traveler.security.password-hash-strength")
                    .hasMessageContaining(strength);
        }
    }

    private static PasswordEncoder encoder(MockEnvironment env) {
        return new SecurityConfiguration().passwordEncoder(env);
    }

    private static MockEnvironment withStrength(String strength) {
        return new MockEnvironment().withProperty("traveler.security.password-hash-strength", strength);
    }
}
