package io.sockshop.correlator.engine.normalize;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The three ScalingReplicaSet wordings across Kubernetes versions (FORMATS.md 3.2; the second is real, v1.31). */
class ScalingMessageTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Scaled down replica set payment-5d8f6c7b9 to 0|false|payment-5d8f6c7b9|0|",
            "Scaled down replica set coredns-6f6b679f8f to 1 from 2|false|coredns-6f6b679f8f|1|2",
            "Scaled down replica set queue-master-7dc3372 from 1 to 0|false|queue-master-7dc3372|0|1",
            "Scaled up replica set coredns-6f6b679f8f to 2|true|coredns-6f6b679f8f|2|"})
    void parsesEveryWording(String message, boolean up, String rs, int to, Integer from) {
        ScalingMessage m = ScalingMessage.parse(message);
        assertThat(m).isEqualTo(new ScalingMessage(up, rs, to, from));
    }

    @ParameterizedTest
    @CsvSource({"Deleted pod: coredns-6f6b679f8f-5m7kq", "Stopping container coredns"})
    void otherMessagesAreNotScaling(String message) {
        assertThat(ScalingMessage.parse(message)).isNull();
    }
}
