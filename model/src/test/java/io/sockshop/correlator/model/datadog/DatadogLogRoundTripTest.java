package io.sockshop.correlator.model.datadog;

import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventCodec;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.Events;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log without text (the collector's intake got one with no {@code message}) is a valid DatadogLog, so it
 * must survive its own encoding: found by the reliability suite's intake properties, where such a log was
 * published with the empty message left out and every reader refused it ("message is required").
 */
class DatadogLogRoundTripTest {

    private static final Instant T = Instant.parse("2025-11-05T11:20:00Z");

    @Test
    void anEmptyMessageIsWrittenAndReadBack() {
        DatadogLog log = new DatadogLog("intake-0a1b", T, "payment", "info", "node-1", "", List.of(), Map.of());
        EventCodec<DatadogLog> codec = new EventCodec<>(EventType.DATADOG_LOG);
        byte[] bytes = codec.encode(Events.datadogLog(ApplicationKey.of("kind-sockshop", "sock-shop"), log));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"message\":\"\"");
        CloudEvent<DatadogLog> back = codec.decode(bytes);
        assertThat(back.data()).isEqualTo(log);
    }
}
