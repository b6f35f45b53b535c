package io.sockshop.correlator.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventCodec;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.kafka.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Turns the engine's guide-incident fixtures (real formats) into recordings, as record would write them. */
final class Recordings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Recordings() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<RecordedRecord> of(List<? extends CloudEvent<?>> events) {
        List<RecordedRecord> records = new ArrayList<>();
        long offset = 0;
        for (CloudEvent<?> event : events) {
            EventType<?> type = EventType.byType(event.type()).orElseThrow();
            String topic = type == EventType.K8S_OBJECT ? Topics.K8S.name() : type == EventType.DATADOG_LOG
                    ? Topics.DATADOG_LOGS.name() : type == EventType.DATADOG_METRIC ? Topics.DATADOG_METRICS.name()
                    : Topics.INJECTIONS.name();
            try {
                records.add(new RecordedRecord(topic, 0, offset++, event.time().toEpochMilli(), event.partitionkey(),
                        List.of(), JSON.readTree(new EventCodec(type).encode((CloudEvent) event)), null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return records;
    }
}
