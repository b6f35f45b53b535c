package io.sockshop.correlator.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.Signatures;
import io.sockshop.correlator.model.kafka.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.sockshop.correlator.api.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Findings over SSE: live, filtered, and resumed from Last-Event-ID without gaps or repeats. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class FindingsStreamTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "correlator.api.topic-prefix")
    String prefix;
    @TestHTTPResource("/api/v1/findings/stream")
    URL stream;

    @Test
    void deliversNewFindingsLiveAndResumesWithoutGapsOrRepeats() throws Exception {
        // Two applications in one namespace, likely on different partitions: the resume position spans them.
        String namespace = "ns-" + UUID.randomUUID().toString().substring(0, 8);
        String app1 = "kind-a/" + namespace;
        String app2 = "kind-b/" + namespace;
        String other = ApiTestSupport.uniqueApplication();
        List<Finding> revisions = new ArrayList<>();
        String inc1 = Fixtures.incidentId(app1, Signatures.DEPENDENCY_DOWN_INCONSISTENCY, "payment", T0);
        String inc2 = Fixtures.incidentId(app2, Signatures.DATASTORE_THROTTLE_CASCADE, "catalogue-db", T0);
        for (int r = 1; r <= 6; r++) {
            IncidentStatus status = r == 1 ? IncidentStatus.OPEN : IncidentStatus.UPDATED;
            revisions.add(r % 2 == 1
                    ? Fixtures.paymentDown(app1, inc1, (r + 1) / 2, status, T0.plusSeconds(r), List.of(Fixtures.ORDER_ID))
                    : Fixtures.throttled(app2, inc2, r / 2, r == 2 ? IncidentStatus.OPEN : IncidentStatus.UPDATED,
                    T0.plusSeconds(r)));
        }
        URI uri = URI.create(stream + "?namespace=" + namespace);

        try (TopicWriter writer = new TopicWriter(bootstrap)) {
            String afterFirst;
            try (SseTestClient live = new SseTestClient(uri, KafkaTestResource.TOKEN, null)) {
                assertThat(live.status()).isEqualTo(200);
                write(writer, revisions.get(0));
                await().atMost(Duration.ofSeconds(60)).until(() -> live.findings().size() == 1);
                write(writer, revisions.get(1));
                await().atMost(Duration.ofSeconds(60)).until(() -> live.findings().size() == 2);
                assertThat(ids(live.findings())).containsExactly(revisions.get(0).id(), revisions.get(1).id());
                afterFirst = live.findings().get(0).id();
            }
            // While no client is connected: two more, and one of an application the filter excludes.
            write(writer, revisions.get(2));
            writer.commit(Topics.FINDINGS.withPrefix(prefix), List.of(Events.finding(Fixtures.throttled(other,
                    Fixtures.incidentId(other, Signatures.DATASTORE_THROTTLE_CASCADE, "catalogue-db", T0), 1,
                    IncidentStatus.OPEN, T0))));
            write(writer, revisions.get(3));

            String afterFourth;
            try (SseTestClient resumed = new SseTestClient(uri, KafkaTestResource.TOKEN, afterFirst)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> resumed.findings().size() >= 3);
                write(writer, revisions.get(4));
                await().atMost(Duration.ofSeconds(60)).until(() -> resumed.findings().size() >= 4);
                assertThat(ids(resumed.findings())).containsExactly(revisions.get(1).id(), revisions.get(2).id(),
                        revisions.get(3).id(), revisions.get(4).id());
                afterFourth = resumed.findings().get(2).id();
            }
            try (SseTestClient again = new SseTestClient(uri, KafkaTestResource.TOKEN, afterFourth)) {
                write(writer, revisions.get(5));
                await().atMost(Duration.ofSeconds(60)).until(() -> again.findings().size() >= 2);
                assertThat(ids(again.findings())).containsExactly(revisions.get(4).id(), revisions.get(5).id());
                // Each event carries the whole CloudEvent, with its contract id.
                assertThat(again.findings().get(1).data()).contains("\"type\":\"io.sockshop.correlator.finding.v1\"");
            }
        }
    }

    private void write(TopicWriter writer, Finding finding) {
        writer.commit(Topics.FINDINGS.withPrefix(prefix), List.<CloudEvent<Finding>>of(Events.finding(finding)));
    }

    private static List<String> ids(List<SseTestClient.Event> events) {
        return events.stream().map(e -> {
            int at = e.data().indexOf("\"id\":\"finding/");
            return e.data().substring(at + 6, e.data().indexOf('"', at + 6));
        }).toList();
    }
}
