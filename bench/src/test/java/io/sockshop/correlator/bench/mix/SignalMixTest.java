package io.sockshop.correlator.bench.mix;

import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventCodec;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.kafka.Topics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SignalMixTest {

    private static List<RawRecord> all(SignalMix mix) {
        List<RawRecord> out = new ArrayList<>();
        Iterator<CloudEvent<?>> it = mix.events();
        it.forEachRemaining(e -> out.add(RawRecord.of(e, "")));
        return out;
    }

    @Test
    void theMixHasTheRequestedSizeAndTheIssuesProportions() {
        List<RawRecord> records = all(SignalMix.of(10, 10_000));
        assertThat(records).hasSize(10_000);
        Map<String, Integer> byTopic = new HashMap<>();
        records.forEach(r -> byTopic.merge(r.topic(), 1, Integer::sum));
        assertThat(byTopic.get(Topics.DATADOG_LOGS.name()) / 10_000.0).isCloseTo(0.70, within(0.03));
        assertThat(byTopic.get(Topics.DATADOG_METRICS.name()) / 10_000.0).isCloseTo(0.25, within(0.03));
        assertThat(byTopic.get(Topics.K8S.name()) / 10_000.0).isCloseTo(0.05, within(0.02));
    }

    @Test
    void everyRecordIsAValidContractEventKeyedByItsApplication() {
        Set<String> apps = new HashSet<>();
        Map<String, EventCodec<?>> codecs = Map.of(Topics.K8S.name(), new EventCodec<>(EventType.K8S_OBJECT),
                Topics.DATADOG_LOGS.name(), new EventCodec<>(EventType.DATADOG_LOG),
                Topics.DATADOG_METRICS.name(), new EventCodec<>(EventType.DATADOG_METRIC));
        for (RawRecord r : all(SignalMix.of(7, 1_400))) {
            CloudEvent<?> e = codecs.get(r.topic()).decode(r.value());
            String key = new String(r.key(), StandardCharsets.UTF_8);
            assertThat(ApplicationKey.parse(key).toString()).isEqualTo(key).isEqualTo(e.partitionkey());
            assertThat(r.timestamp()).isEqualTo(e.time().toEpochMilli());
            apps.add(key);
        }
        assertThat(apps).hasSize(7).contains("kind-sockshop/sock-shop-0000", "kind-sockshop/sock-shop-0006");
    }

    @Test
    void theSameSeedGivesTheSameBytes() {
        List<RawRecord> a = all(SignalMix.of(3, 600));
        List<RawRecord> b = all(SignalMix.of(3, 600));
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).value()).isEqualTo(b.get(i).value());
        }
    }

    @Test
    void incidentApplicationsLosePaymentAndFailAnOrderThenRecover() {
        SignalMix mix = SignalMix.of(100, 30_000);
        assertThat(mix.incidentApps()).isEqualTo(2);
        List<String> decisive = new ArrayList<>();
        mix.events().forEachRemaining(e -> {
            if (e.data() instanceof DatadogLog log && log.message().contains("PAYMENT_FAILED")) {
                decisive.add(e.partitionkey());
            }
        });
        assertThat(decisive).containsExactlyInAnyOrder("kind-sockshop/sock-shop-0000", "kind-sockshop/sock-shop-0050");
    }
}
