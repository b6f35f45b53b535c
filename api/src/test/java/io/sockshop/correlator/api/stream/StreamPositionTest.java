package io.sockshop.correlator.api.stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamPositionTest {

    @Test
    void encodesSortedByPartitionAndParsesBack() {
        StreamPosition p = StreamPosition.of(Map.of(2, 8L, 0, 124L, 1, 46L));
        assertThat(p.encode()).isEqualTo("0:124,1:46,2:8");
        assertThat(StreamPosition.parse("0:124,1:46,2:8")).isEqualTo(p);
        assertThat(p.advancedPast(1, 46).next(1)).isEqualTo(47);
        assertThat(p.advancedPast(1, 3)).isSameAs(p);
        assertThat(p.delivered(3, 0)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "x", "0", "0:", ":1", "0:1,0:2", "-1:0", "0:-1", "a:b", "0:1;1:2",
            "99999999999:0", "0:99999999999999999999", "5000:1"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> StreamPosition.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
