package io.sockshop.correlator.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What incidents cost, as numbers: for one incident, or summed over the incidents of a time range.
 * Quantities come from each incident's latest finding (the correlator's impact grows with every
 * revision), plus the current restart counts of the services involved from service health.
 *
 * @param incidentIds          the incidents counted
 * @param restarts             container restarts during the incidents (sum)
 * @param failedOrders         orders that ended in a failed payment state: count (sum) and ids (union)
 * @param errorCount           error lines and 5xx responses attributed to the incidents (sum)
 * @param peakLatencyMs        highest latency seen (max)
 * @param messagesStuck        messages published toward a consumer that was gone (sum)
 * @param queueDepth           last known depth of an affected queue (max)
 * @param outageSeconds        time without an available replica (max over incidents, they may overlap)
 * @param currentRestartCounts restart counts now, per involved service, from service health
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImpactReport(String incidentId, String application, Instant from, Instant to, List<String> incidentIds,
                           int restarts, Map<String, Integer> restartsByService, int oomKills, long errorCount,
                           FailedOrdersTotal failedOrders, boolean moneyAtRisk, Double peakLatencyMs,
                           Double baselineLatencyMs, long messagesStuck, Long queueDepth, long outageSeconds,
                           Map<String, Integer> currentRestartCounts) {

    /** @param ids at most {@link ImpactCalculator#MAX_ORDER_IDS}, sorted */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FailedOrdersTotal(long count, List<String> ids, Instant first, Instant last) {
    }
}
