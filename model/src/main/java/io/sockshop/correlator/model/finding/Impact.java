package io.sockshop.correlator.model.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

import java.util.Map;

/**
 * What the incident cost, as numbers. Every field is optional: a signature fills what it can measure.
 *
 * @param restarts                container restarts during the incident, in all services
 * @param restartsByService       the same per service
 * @param oomKills                terminations with reason OOMKilled
 * @param errorCount              error log lines and 5xx responses attributed to the incident
 * @param failedOrders            orders that ended in a failed payment state
 * @param moneyAtRisk             true when customers may have been charged for orders that failed
 * @param peakLatencyMs           highest observed latency of the affected services
 * @param baselineLatencyMs       latency before the incident, for comparison
 * @param outageSeconds           how long the affected service had no available replica or crashed
 * @param messagesPublished       messages published toward a consumer that was gone
 * @param queueDepth              last known depth of the affected queue, where a metric exists
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Impact(Integer restarts, Map<String, Integer> restartsByService, Integer oomKills, Long errorCount,
                     FailedOrders failedOrders, Boolean moneyAtRisk, Double peakLatencyMs, Double baselineLatencyMs,
                     Long outageSeconds, Long messagesPublished, Long queueDepth) {
    public Impact {
        Require.nonNegative(restarts, "restarts");
        restartsByService = Require.map(restartsByService, "restartsByService");
        Require.nonNegative(oomKills, "oomKills");
        Require.nonNegative(errorCount, "errorCount");
        Require.finiteOrNull(peakLatencyMs, "peakLatencyMs");
        Require.finiteOrNull(baselineLatencyMs, "baselineLatencyMs");
        Require.nonNegative(outageSeconds, "outageSeconds");
        Require.nonNegative(messagesPublished, "messagesPublished");
        Require.nonNegative(queueDepth, "queueDepth");
    }

    public static Impact none() {
        return new Impact(null, null, null, null, null, null, null, null, null, null, null);
    }
}
