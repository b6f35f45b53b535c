package io.sockshop.correlator.model.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantitiesTest {

    @ParameterizedTest(name = "cpu {0} = {1}m")
    @CsvSource({"50m, 50", "500m, 500", "0.5, 500", "1, 1000", "2, 2000", "99m, 99", "1.5, 1500", "100000n, 1",
            "1e3m, 1000", ".25, 250"})
    void cpuInMillicores(String quantity, long millis) {
        assertThat(Quantities.cpuMillis(quantity)).isEqualTo(millis);
    }

    @ParameterizedTest(name = "memory {0} = {1} bytes")
    @CsvSource({"128Mi, 134217728", "1000Mi, 1048576000", "500Mi, 524288000", "1Gi, 1073741824", "1G, 1000000000",
            "512k, 512000", "1Ki, 1024", "1e3, 1000", "100M, 100000000", "2048, 2048"})
    void memoryInBytes(String quantity, long bytes) {
        assertThat(Quantities.bytes(quantity)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", " ", "lots", "-1", "+1", "10Xi", "Mi", "1..0", "1e"})
    void invalidQuantitiesAreRefusedByName(String quantity) {
        assertThatThrownBy(() -> Quantities.parse(quantity)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(quantity.isBlank() ? "blank" : quantity);
    }
}
