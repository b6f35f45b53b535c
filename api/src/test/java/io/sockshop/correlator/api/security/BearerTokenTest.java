package io.sockshop.correlator.api.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokenTest {

    @Test
    void missingTokenOutsideTheDemoProfileStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> BearerToken.resolve(Optional.empty(), Optional.empty(), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("correlator.api.token is not set")
                .hasMessageContaining("CORRELATOR_API_TOKEN")
                .hasMessageContaining("CORRELATOR_API_TOKEN_FILE");
        assertThatThrownBy(() -> BearerToken.resolve(Optional.of("  "), Optional.empty(), false))
                .hasMessageContaining("correlator.api.token is not set");
    }

    @Test
    void theDemoProfileMayRunOpen() {
        BearerToken open = BearerToken.resolve(Optional.empty(), Optional.empty(), true);
        assertThat(open.required()).isFalse();
        assertThat(open.accepts(null)).isTrue();
    }

    @Test
    void acceptsOnlyTheExactBearerToken() {
        BearerToken token = BearerToken.resolve(Optional.of("s3cret-token"), Optional.empty(), false);
        assertThat(token.accepts("Bearer s3cret-token")).isTrue();
        assertThat(token.accepts("bearer s3cret-token")).isTrue();
        assertThat(token.accepts("Bearer s3cret-tokeN")).isFalse();
        assertThat(token.accepts("Bearer s3cret-token-longer")).isFalse();
        assertThat(token.accepts("s3cret-token")).isFalse();
        assertThat(token.accepts("Basic czNjcmV0LXRva2Vu")).isFalse();
        assertThat(token.accepts("Bearer ")).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }

    @Test
    void readsTheTokenFromAMountedSecretFile(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("token"), "from-file\n");
        assertThat(BearerToken.resolve(Optional.empty(), Optional.of(secret), false).accepts("Bearer from-file")).isTrue();
        assertThatThrownBy(() -> BearerToken.resolve(Optional.empty(), Optional.of(dir.resolve("absent")), false))
                .hasMessageContaining("correlator.api.token-file").hasMessageContaining("cannot be read");
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        assertThatThrownBy(() -> BearerToken.resolve(Optional.empty(), Optional.of(empty), false))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> BearerToken.resolve(Optional.of("x"), Optional.of(secret), false))
                .hasMessageContaining("both set");
    }
}
