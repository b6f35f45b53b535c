package io.sockshop.correlator.engine.incident;

import io.sockshop.correlator.model.finding.FailedOrders;
import io.sockshop.correlator.model.finding.Impact;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An incident's impact only grows: detectors look at sliding windows (restarts of the last ten
 * minutes), so a later evaluation can see fewer restarts than an earlier one; what the incident cost
 * is the most any evaluation saw. The baseline is the one seen when the incident opened. The outage
 * length is the exception: it is measured against the watermark while the outage lasts and becomes
 * exact when it ends, so the latest value is the right one.
 */
final class Impacts {

    private Impacts() {
    }

    static Impact ratchet(Impact before, Impact now) {
        if (before == null) {
            return now;
        }
        Map<String, Integer> byService = new LinkedHashMap<>(before.restartsByService());
        now.restartsByService().forEach((k, v) -> byService.merge(k, v, Math::max));
        FailedOrders failed = now.failedOrders() == null ? before.failedOrders()
                : before.failedOrders() == null || now.failedOrders().count() >= before.failedOrders().count()
                ? now.failedOrders() : before.failedOrders();
        return new Impact(max(before.restarts(), now.restarts()), byService, max(before.oomKills(), now.oomKills()),
                max(before.errorCount(), now.errorCount()), failed,
                Boolean.TRUE.equals(before.moneyAtRisk()) || Boolean.TRUE.equals(now.moneyAtRisk()) ? Boolean.TRUE : null,
                max(before.peakLatencyMs(), now.peakLatencyMs()),
                before.baselineLatencyMs() != null ? before.baselineLatencyMs() : now.baselineLatencyMs(),
                now.outageSeconds() != null ? now.outageSeconds() : before.outageSeconds(), max(before.messagesPublished(), now.messagesPublished()),
                max(before.queueDepth(), now.queueDepth()));
    }

    private static <T extends Comparable<T>> T max(T a, T b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
