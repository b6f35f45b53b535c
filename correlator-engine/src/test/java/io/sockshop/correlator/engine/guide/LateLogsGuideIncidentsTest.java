package io.sockshop.correlator.engine.guide;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Harness;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.Signatures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logs processed behind the Kubernetes objects and metrics of the same application: the Datadog logs poll
 * runs behind the informers, and a Kafka Streams task that has the k8s and metrics partitions buffered but
 * not yet the logs one (max.task.idle.ms 0) processes what it has. Incident 3's outage lasts 3 minutes; when
 * the refused calls arrive after payment is back, the outage is over but it happened, with its failed
 * orders: it must still be reported, opened and resolved, not dropped. Found by the 15-minute soak
 * (soak-f8713d-0-e38, incident 3 with no finding at all), where 5,000 records a second compress event time
 * about 160-fold, so a second of fetch skew between two topics is minutes of event time.
 *
 * <p>Payment is down from 600.5 s to 780 s; the four orders fail at 632, 662, 692 and 722 s. From 150 s of
 * lag on, payment is back before the first refused call is processed. A failed order whose log is processed
 * more than {@code active-window} (2 min) after the recovery is no longer tied to the outage: at 180 s of lag
 * the fourth (722 + 180 = 902 s) comes 2 s too late, at 240 s only the first is in time.
 */
class LateLogsGuideIncidentsTest {

    static final Names EPISODE = new Names("sf8713da0e38", "soak-f8713d-0-e38", "sock-shop", "sock-shop-", Map.of(),
            Names.SOCK_SHOP.topologyResource());

    @ParameterizedTest(name = "logs {0} s behind: {1} failed order(s)")
    @CsvSource({"0, 4", "60, 4", "140, 4", "150, 4", "180, 3", "240, 1"})
    void paymentDownIsReportedWhenItsLogsArriveAfterPaymentIsBack(long lagSeconds, long failedOrders) {
        Instant t0 = GuideIncidents.T0.plusSeconds(38 * 2400L);
        List<CloudEvent<?>> events = new ArrayList<>(GuideIncidents.paymentDown(EPISODE, t0).events());
        // Stable: the records of each topic keep their order, as in one partition.
        events.sort(Comparator.comparing((CloudEvent<?> e) -> e.type().equals(EventType.DATADOG_LOG.type())
                ? e.time().plusSeconds(lagSeconds) : e.time()));
        try (Harness h = new Harness(CorrelatorConfig.defaults())) {
            h.pipeAll(events);
            List<Finding> primary = h.primaryIncidents();
            assertThat(primary).extracting(f -> f.signature().id() + "/" + f.rootCause().service() + " " + f.status())
                    .containsExactly(Signatures.DEPENDENCY_DOWN_INCONSISTENCY + "/payment " + IncidentStatus.RESOLVED);
            Finding f = primary.get(0);
            assertThat(f.firstSeen()).as("the outage's start, whenever its evidence arrived").isEqualTo(t0.plusMillis(600_500));
            assertThat(f.impact().failedOrders().count()).isEqualTo(failedOrders);
            assertThat(f.impact().moneyAtRisk()).isTrue();
            assertThat(h.findings()).extracting(e -> e.data().status()).startsWith(IncidentStatus.OPEN);
        }
    }
}
