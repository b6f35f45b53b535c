package io.sockshop.correlator.engine.stream;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.app.AppTopologyLoader;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Harness;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.health.ServiceHealth;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedStateCacheTest {

    @Test
    void dropsTheLeastRecentlyUsedBeyondTheCapacityWritingEachBackFirst() {
        BoundedStateCache<String> cache = new BoundedStateCache<>(2);
        cache.put("a", "A");
        cache.put("b", "B");
        cache.put("c", "C");
        cache.get("a"); // a is now more recent than b
        List<String> written = new ArrayList<>();
        cache.trim((k, v) -> written.add(k + "=" + v));
        assertThat(written).containsExactly("b=B");
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isEqualTo("A");
        assertThat(cache.get("c")).isEqualTo("C");
        cache.trim((k, v) -> written.add(k));
        assertThat(written).as("nothing beyond the capacity, nothing written").hasSize(1);
    }

    @Test
    void refusesACapacityBelowOne() {
        assertThatThrownBy(() -> new BoundedStateCache<String>(0)).hasMessageContaining("at least 1");
    }

    /**
     * Three applications, each through a guide incident, their records interleaved in event time: with
     * room for one application in the heap, state is dropped and read back from the stores on nearly every
     * record, and the findings and health must be exactly those of a run that keeps everything.
     */
    @Test
    void theFindingsAreTheSameWhenStateIsDroppedBetweenRecords() {
        List<CloudEvent<?>> events = new ArrayList<>();
        events.addAll(GuideIncidents.paymentDown(app("a")).events());
        events.addAll(GuideIncidents.consumerDown(app("b")).events());
        events.addAll(GuideIncidents.crashUnderLoad(app("c")).events());
        events.sort(Comparator.comparing(CloudEvent::time));
        CorrelatorConfig config = CorrelatorConfig.defaults();

        Run all = run(config, SignalProcessor.DEFAULT_CACHED_APPLICATIONS, events);
        Run one = run(config, 1, events);

        assertThat(all.findings().stream().map(Finding::application).distinct().toList()).as("each application has findings")
                .hasSize(3);
        assertThat(one.findings()).isEqualTo(all.findings());
        assertThat(one.health()).isEqualTo(all.health());
    }

    private static Names app(String label) {
        return new Names(label, "cache-" + label, "sock-shop", "sock-shop-", Map.of(), AppTopologyLoader.SOCK_SHOP_RESOURCE);
    }

    private record Run(List<Finding> findings, List<ServiceHealth> health) {
    }

    private static Run run(CorrelatorConfig config, int cachedApplications, List<CloudEvent<?>> events) {
        try (Harness h = new Harness(config, cachedApplications)) {
            h.pipeAll(events);
            return new Run(h.findings().stream().map(CloudEvent::data).toList(), h.health());
        }
    }
}
