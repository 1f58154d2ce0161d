package org.cloudgate.core.api.security;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenHashTest {

    private static final String TOKEN = "k8Jd2nQv7xLp4sRt9wYz";

    @Test
    void aHashVerifiesItsTokenOnlyAndSurvivesItsStoredForm() {
        TokenHash hash = TokenHash.create(TOKEN, TokenHash.MIN_ITERATIONS, new SecureRandom());
        TokenHash stored = TokenHash.parse(hash.encoded());

        assertThat(stored.matches(TOKEN)).isTrue();
        assertThat(stored.matches(TOKEN + "x")).isFalse();
        assertThat(stored.matches(TOKEN.substring(1))).isFalse();
        assertThat(stored.matches("")).isFalse();
        assertThat(stored.iterations()).isEqualTo(TokenHash.MIN_ITERATIONS);
        assertThat(hash.encoded()).startsWith("pbkdf2-sha256$10000$").doesNotContain(TOKEN);
    }

    @Test
    void eachHashHasItsOwnSalt() {
        SecureRandom random = new SecureRandom();
        String first = TokenHash.create(TOKEN, TokenHash.MIN_ITERATIONS, random).encoded();
        String second = TokenHash.create(TOKEN, TokenHash.MIN_ITERATIONS, random).encoded();
        assertThat(first).isNotEqualTo(second);
        assertThat(TokenHash.parse(second).matches(TOKEN)).isTrue();
    }

    @Test
    void itsTextShowsNeitherSaltNorHash() {
        TokenHash hash = TokenHash.create(TOKEN, TokenHash.MIN_ITERATIONS, new SecureRandom());
        String[] parts = hash.encoded().split("\\$");
        assertThat(hash.toString()).doesNotContain(parts[2]).doesNotContain(parts[3]).contains("10000 iterations");
    }

    @Test
    void malformedStoredFormsAreRefusedWithAReason() {
        assertThatThrownBy(() -> TokenHash.parse("secret-token-in-clear"))
                .hasMessageContaining("expected pbkdf2-sha256$ITERATIONS$SALT$HASH").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> TokenHash.parse("pbkdf2-sha256$1000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"))
                .hasMessageContaining("1000 iterations, must be between 10000");
        assertThatThrownBy(() -> TokenHash.parse("pbkdf2-sha256$many$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> TokenHash.parse("pbkdf2-sha256$10000$!!!$aGFzaGhhc2hoYXNoaGFzaA"))
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> TokenHash.parse("pbkdf2-sha256$10000$c2FsdA$aGFzaA"))
                .hasMessageContaining("too short");
    }
}
