package io.sockshop.correlator.reliability;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Harness;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.injector.support.SockShopCluster;
import io.sockshop.correlator.kafka.EmbeddedKafkaBroker;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.k8s.K8sObject;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.reliability.support.CollectorProcesses;
import io.sockshop.correlator.reliability.support.CorrelatorProcesses;
import io.sockshop.correlator.reliability.support.GuideEpisode;
import io.sockshop.correlator.reliability.support.KafkaIO;
import io.sockshop.correlator.reliability.support.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker is stopped for a while and started again (same data, same port) while the packaged
 * collector publishes (Kubernetes changes from the mock API, logs pushed to its intake) and the
 * packaged correlator processes the guide's incident 3. Both report not-ready while Kafka is gone and
 * ready again by themselves; every record the collector was given is on its topic exactly once, the
 * incident's findings are committed once each, and the incident is the one an uninterrupted run finds.
 */
class BrokerRestartTest {

    private static final String CLUSTER = "kind-sockshop";

    @Test
    void brokerStoppedAndStartedWhileTheCollectorPublishesAndTheCorrelatorProcesses() throws Exception {
        String prefix = "brk-" + Long.toHexString(System.nanoTime()) + ".";
        Names names = GuideEpisode.sockShop("brk", "restart-cluster");
        List<CloudEvent<?>> incident = GuideIncidents.paymentDown(names).events();
        Finding reference;
        try (Harness h = new Harness(CorrelatorConfig.defaults())) {
            reference = h.pipeAll(incident).primaryIncidents().get(0);
        }
        List<String> sentLogs = new ArrayList<>();
        List<String> scaled = new ArrayList<>();
        int third = incident.size() / 3;

        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().build().start();
             SockShopCluster cluster = new SockShopCluster()) {
            String bootstrap = kafka.bootstrapServers();
            var collectorSettings = CollectorProcesses.withIntake(CollectorProcesses.withKubernetes(
                    CollectorProcesses.settings(bootstrap, prefix), cluster.url()));
            try (ServiceProcess collector = CollectorProcesses.start("collector-broker-restart", collectorSettings);
                 ServiceProcess correlator = CorrelatorProcesses.start("correlator-broker-restart",
                         CorrelatorProcesses.settings(bootstrap, prefix, "correlator-" + prefix.replace(".", ""),
                                 Files.createTempDirectory("correlator-state")));
                 KafkaProducer<byte[], byte[]> producer = KafkaIO.producer(bootstrap)) {
                collector.awaitReady(Duration.ofMinutes(2));

                // Before: a third of the incident, a first batch of logs, a first scale.
                KafkaIO.sendAll(producer, prefix, incident.subList(0, third));
                push(collector, sentLogs, "before", 50);
                scale(cluster, scaled, "carts", 2);
                await("first logs published").atMost(Duration.ofMinutes(1)).until(() ->
                        intakeLogs(bootstrap, prefix).size() == sentLogs.size());

                kafka.stop();
                await("collector not ready while Kafka is down").atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(500)).until(() -> !collector.ready());
                await("correlator not ready while Kafka is down").atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(500)).until(() -> !correlator.ready());

                // While Kafka is down: the collector buffers, the producer retries, the cluster changes.
                push(collector, sentLogs, "during", 50);
                scale(cluster, scaled, "orders", 3);
                scale(cluster, scaled, "payment", 0);
                // A producer's send waits for metadata while no broker answers: this one keeps sending on its own thread.
                Thread sender = new Thread(() -> KafkaIO.sendAll(producer, prefix, incident.subList(third, 2 * third)),
                        "producer-during-outage");
                sender.start();
                assertThat(collector.isAlive()).isTrue();
                assertThat(correlator.isAlive()).isTrue();

                kafka.start();
                assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
                collector.awaitReady(Duration.ofMinutes(3));
                correlator.awaitReady(Duration.ofMinutes(3));
                sender.join(Duration.ofMinutes(3).toMillis());
                assertThat(sender.isAlive()).as("the records sent during the outage were delivered").isFalse();

                // After: the rest.
                KafkaIO.sendAll(producer, prefix, incident.subList(2 * third, incident.size()));
                push(collector, sentLogs, "after", 50);
                scale(cluster, scaled, "payment", 1);

                await("the incident resolved").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        findings(bootstrap, prefix).stream().anyMatch(f -> f.status() == IncidentStatus.RESOLVED
                                && f.incidentId().equals(reference.incidentId())));
                await("every pushed log published").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> intakeLogs(bootstrap, prefix).size() >= sentLogs.size());
                await("every change published").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> deploymentChanges(bootstrap, prefix).containsAll(scaled));
                var metrics = collector.metrics();
                assertThat(metrics.sum("collector_records_dropped_total")).as("nothing dropped").isZero();
            }

            List<Finding> all = findings(bootstrap, prefix);
            assertThat(all).extracting(Finding::id).doesNotHaveDuplicates();
            List<Finding> committed = all.stream().filter(f -> f.application().equals(names.app().toString())).toList();
            assertThat(committed).extracting(Finding::revision)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, committed.size()).boxed().toList());
            Finding resolved = committed.get(committed.size() - 1);
            assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(resolved.incidentId()).isEqualTo(reference.incidentId());
            assertThat(resolved.impact()).isEqualTo(reference.impact());

            List<CloudEvent<DatadogLog>> logs = intakeLogs(bootstrap, prefix);
            assertThat(logs).extracting(CloudEvent::id).doesNotHaveDuplicates();
            assertThat(logs).extracting(e -> e.data().message()).containsExactlyInAnyOrderElementsOf(sentLogs);
            List<CloudEvent<K8sObject>> k8s = KafkaIO.readEvents(bootstrap, Topics.K8S.withPrefix(prefix).name(),
                    EventType.K8S_OBJECT, true).stream().filter(e -> e.data().cluster().equals(CLUSTER)).toList();
            assertThat(k8s).extracting(CloudEvent::id).doesNotHaveDuplicates();
            assertThat(deploymentChanges(bootstrap, prefix)).containsAll(scaled);
        }
    }

    private static void push(ServiceProcess collector, List<String> sent, String phase, int count) {
        List<String> messages = IntStream.range(0, count).mapToObj(i -> "Order 6900953ac1f43200" + phase.length()
                + String.format("%05d", sent.size() + i) + " status updated to PAID (" + phase + ")").toList();
        var response = CollectorProcesses.postLogs(collector, CollectorProcesses.agentLogs(messages));
        assertThat(response.statusCode()).as("intake answer %s: %s", phase, response.body()).isEqualTo(202);
        sent.addAll(messages);
    }

    private static void scale(SockShopCluster cluster, List<String> scaled, String deployment, int replicas) {
        cluster.client().apps().deployments().inNamespace(SockShopCluster.NAMESPACE).withName(deployment)
                .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(replicas).endSpec().build());
        scaled.add(deployment + "=" + replicas);
    }

    private static List<Finding> findings(String bootstrap, String prefix) {
        return KafkaIO.readEvents(bootstrap, Topics.FINDINGS.withPrefix(prefix).name(), EventType.FINDING, true)
                .stream().map(CloudEvent::data).toList();
    }

    private static List<CloudEvent<DatadogLog>> intakeLogs(String bootstrap, String prefix) {
        return KafkaIO.readEvents(bootstrap, Topics.DATADOG_LOGS.withPrefix(prefix).name(), EventType.DATADOG_LOG, true)
                .stream().filter(e -> e.id().startsWith("dd-log/intake-")).toList();
    }

    private static List<String> deploymentChanges(String bootstrap, String prefix) {
        return KafkaIO.readEvents(bootstrap, Topics.K8S.withPrefix(prefix).name(), EventType.K8S_OBJECT, true).stream()
                .map(CloudEvent::data).filter(o -> o.cluster().equals(CLUSTER) && o.kind().equals("Deployment"))
                .map(o -> o.name() + "=" + o.replicas().desired()).toList();
    }
}
