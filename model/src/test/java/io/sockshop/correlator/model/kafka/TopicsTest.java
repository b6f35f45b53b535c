package io.sockshop.correlator.model.kafka;

import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventType;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    void namesAreUniqueAndVersioned() {
        List<String> names = Topics.all().stream().map(TopicDescriptor::name).toList();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).allMatch(n -> n.startsWith("sockshop.") && n.endsWith(".v1"));
    }

    @Test
    void onlyLatestStateTopicsAreCompacted() {
        assertThat(Topics.all().stream().filter(TopicDescriptor::compacted).map(TopicDescriptor::name))
                .containsExactlyInAnyOrder(Topics.INCIDENTS.name(), Topics.SCORES.name(), Topics.SERVICE_HEALTH.name());
    }

    @Test
    void everyEventTypeHasATopicWhoseSerdeSpeaksIt() {
        for (EventType<?> type : EventType.all()) {
            assertThat(Topics.all()).anySatisfy(topic -> {
                assertThat(topic.valueSerde()).isInstanceOf(CloudEventSerde.class);
                assertThat(((CloudEventSerde<?>) topic.valueSerde()).codec().type()).isEqualTo(type);
            });
        }
    }

    @Test
    void prefixRenamesButKeepsSerdes() {
        TopicDescriptor<String, CloudEvent<io.sockshop.correlator.model.k8s.K8sObject>> replay = Topics.K8S.withPrefix("replay.");
        assertThat(replay.name()).isEqualTo("replay.sockshop.k8s.v1");
        assertThat(replay.valueSerde()).isSameAs(Topics.K8S.valueSerde());
        assertThat(Topics.K8S.withPrefix("")).isSameAs(Topics.K8S);
    }
}
