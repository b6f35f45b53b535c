package io.sockshop.correlator.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationKeyTest {

    @Test
    void roundTripsThroughItsText() {
        ApplicationKey key = ApplicationKey.of("kind-sockshop", "sock-shop");
        assertThat(key.toString()).isEqualTo("kind-sockshop/sock-shop");
        assertThat(ApplicationKey.parse("kind-sockshop/sock-shop")).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sock-shop", "/sock-shop", "kind/", "a/b/c", ""})
    void refusesAnythingButClusterSlashNamespace(String text) {
        assertThatThrownBy(() -> ApplicationKey.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<cluster>/<namespace>");
    }
}
