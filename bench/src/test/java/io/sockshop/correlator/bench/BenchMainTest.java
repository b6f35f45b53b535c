package io.sockshop.correlator.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchMainTest {

    @Test
    void badUsageExitsWithTwoAndNamesTheOption() {
        assertThat(BenchMain.run(new String[]{"--only", "7"})).isEqualTo(2);
        assertThat(BenchMain.run(new String[]{"--records", "-5"})).isEqualTo(2);
        assertThat(BenchMain.run(new String[]{"--correlator", "quarkus"})).isEqualTo(2);
        assertThat(BenchMain.run(new String[]{"--frobnicate"})).isEqualTo(2);
    }
}
