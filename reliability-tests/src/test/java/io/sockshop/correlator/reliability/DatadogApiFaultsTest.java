package io.sockshop.correlator.reliability;

import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.reliability.support.CollectorProcesses;
import io.sockshop.correlator.reliability.support.FakeDatadogLogs;
import io.sockshop.correlator.reliability.support.KafkaIO;
import io.sockshop.correlator.reliability.support.ServiceProcess;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged collector polls a Datadog that answers a burst of 429s, then a 500, a 502 HTML page, a
 * call that outlasts the client's timeout, a truncated page and a 200 HTML maintenance page in a row,
 * while new logs keep arriving: it waits out the 429s as their headers say, backs off exponentially
 * on the failures, never dies, publishes every log exactly once, and its metrics count all of it.
 */
@WithKafka
class DatadogApiFaultsTest {

    @Test
    void rateLimitsServerErrorsTimeoutsHtmlAndTruncatedBodiesAreWaitedOutWithoutLoss(KafkaBroker broker) {
        String prefix = KafkaBroker.uniqueName("ddfaults") + ".";
        String bootstrap = broker.bootstrapServers();
        String topic = Topics.DATADOG_LOGS.withPrefix(prefix).name();
        try (FakeDatadogLogs datadog = new FakeDatadogLogs()) {
            datadog.add(20, Instant.now().minus(Duration.ofMinutes(5)), "f");
            Map<String, String> settings = CollectorProcesses.withDatadog(CollectorProcesses.settings(bootstrap, prefix), datadog.baseUrl());
            settings.put("collector.datadog.metrics.enabled", "false");
            settings.put("collector.datadog.logs.page-limit", "10");
            settings.put("collector.datadog.logs.interval", "1s");
            settings.put("collector.datadog.max-backoff", "4s");
            settings.put("collector.datadog.timeout", "1s");
            List<FakeDatadogLogs.Fault> failures = List.of(FakeDatadogLogs.serverError(), FakeDatadogLogs.badGatewayHtml(),
                    new FakeDatadogLogs.Slow(3_000), FakeDatadogLogs.TRUNCATED, FakeDatadogLogs.maintenanceHtml());
            datadog.fail(FakeDatadogLogs.tooManyRequests(1), FakeDatadogLogs.tooManyRequests(1),
                    FakeDatadogLogs.tooManyRequests(1));
            datadog.fail(failures.toArray(FakeDatadogLogs.Fault[]::new));

            try (ServiceProcess collector = CollectorProcesses.start("collector-dd-faults", settings)) {
                await("the faults answered").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> datadog.faultsLeft() == 0);
                datadog.add(10, Instant.now(), "g");
                await("every log published").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> KafkaIO.readAll(bootstrap, topic, true).size() >= 30);
                int seen = datadog.requests().size();
                await("two more cycles").atMost(Duration.ofMinutes(1)).until(() -> datadog.requests().size() >= seen + 4);

                assertThat(collector.healthStatus("/q/health/live")).as("live throughout").isEqualTo(200);
                collector.awaitReady(Duration.ofSeconds(30));
                var metrics = collector.metrics();
                assertThat(metrics.sum("collector_datadog_rate_limited_total", "api=\"logs\"")).isEqualTo(3.0);
                assertThat(metrics.sum("collector_datadog_api_calls_total", "outcome=\"429\"")).isEqualTo(3.0);
                assertThat(metrics.sum("collector_poller_failures_total")).isEqualTo(failures.size());
                assertThat(metrics.sum("collector_datadog_api_calls_total", "outcome=\"error\""))
                        .isGreaterThanOrEqualTo(failures.size() - 1);
                assertThat(collector.output()).doesNotContain(CollectorProcesses.DD_API_KEY).doesNotContain(CollectorProcesses.DD_APP_KEY);
            }

            // Back-off: each failure in a row waits twice as long as the one before (from 1 s), up to 4 s.
            List<FakeDatadogLogs.Seen> requests = datadog.requests();
            int firstFailure = 3;
            for (int n = 1; n < failures.size(); n++) {
                long gap = Duration.between(requests.get(firstFailure + n - 1).at(), requests.get(firstFailure + n).at()).toMillis();
                long wait = Math.min(4_000, 1_000L << (n - 1));
                assertThat(gap).as("wait after failure %d", n).isGreaterThanOrEqualTo(wait - 100);
            }
            // Each 429 waited the X-RateLimit-Reset second before its retry.
            for (int i = 1; i <= 3; i++) {
                assertThat(Duration.between(requests.get(i - 1).at(), requests.get(i).at()).toMillis())
                        .isGreaterThanOrEqualTo(900);
            }

            List<CloudEvent<DatadogLog>> published = KafkaIO.readEvents(bootstrap, topic, EventType.DATADOG_LOG, true);
            assertThat(published).extracting(CloudEvent::id).doesNotHaveDuplicates();
            assertThat(published).extracting(e -> e.data().id())
                    .containsExactlyInAnyOrderElementsOf(datadog.logs().stream().map(FakeDatadogLogs.Log::id).toList());
        }
    }
}
