package io.sockshop.correlator.api.query;

import io.sockshop.correlator.api.state.IncidentStore;
import io.sockshop.correlator.api.state.ServiceHealthStore;
import io.sockshop.correlator.model.finding.FailedOrders;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.Impact;
import io.sockshop.correlator.model.finding.IncidentState;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Impact answers as data, for one incident or for every incident of a time range. */
public final class ImpactCalculator {

    static final int MAX_ORDER_IDS = 1000;

    private final IncidentStore incidents;
    private final ServiceHealthStore health;

    public ImpactCalculator(IncidentStore incidents, ServiceHealthStore health) {
        this.incidents = incidents;
        this.health = health;
    }

    public Optional<ImpactReport> forIncident(String incidentId) {
        return incidents.get(incidentId).map(i -> sum(List.of(i), incidentId, i.application(), null, null));
    }

    /** Every incident that overlaps [from, to] (both optional), optionally of one application. */
    public ImpactReport forRange(String application, Instant from, Instant to) {
        IncidentFilter filter = new IncidentFilter(null, application, null, null, null, from, to);
        List<IncidentState> matching = incidents.all().stream().filter(filter::matches)
                .sorted(Comparator.comparing(IncidentState::openedAt)).toList();
        return sum(matching, null, application, from, to);
    }

    private ImpactReport sum(List<IncidentState> states, String incidentId, String application, Instant from, Instant to) {
        int restarts = 0;
        int oomKills = 0;
        long errors = 0;
        long failedCount = 0;
        long messages = 0;
        long outage = 0;
        boolean moneyAtRisk = false;
        Double peak = null;
        Double baseline = null;
        Long queueDepth = null;
        Instant firstFailed = null;
        Instant lastFailed = null;
        Map<String, Integer> byService = new TreeMap<>();
        TreeSet<String> orderIds = new TreeSet<>();
        Map<String, Integer> currentRestarts = new TreeMap<>();
        for (IncidentState state : states) {
            Finding latest = state.latest();
            Impact impact = latest.impact();
            restarts += zero(impact.restarts());
            oomKills += zero(impact.oomKills());
            errors += zero(impact.errorCount());
            messages += zero(impact.messagesPublished());
            outage = Math.max(outage, zero(impact.outageSeconds()));
            moneyAtRisk |= Boolean.TRUE.equals(impact.moneyAtRisk());
            peak = max(peak, impact.peakLatencyMs());
            baseline = max(baseline, impact.baselineLatencyMs());
            if (impact.queueDepth() != null) {
                queueDepth = queueDepth == null ? impact.queueDepth() : Math.max(queueDepth, impact.queueDepth());
            }
            impact.restartsByService().forEach((service, n) -> byService.merge(service, n, Integer::sum));
            FailedOrders failed = impact.failedOrders();
            if (failed != null) {
                failedCount += failed.count();
                failed.ids().forEach(id -> {
                    if (orderIds.size() < MAX_ORDER_IDS) {
                        orderIds.add(id);
                    }
                });
                firstFailed = min(firstFailed, failed.first());
                lastFailed = maxInstant(lastFailed, failed.last());
            }
            involved(latest).forEach(service -> health.get(state.application(), service)
                    .filter(h -> h.restartCount() != null)
                    .ifPresent(h -> currentRestarts.put(service, h.restartCount())));
        }
        ImpactReport.FailedOrdersTotal failedOrders = new ImpactReport.FailedOrdersTotal(
                Math.max(failedCount, orderIds.size()), List.copyOf(orderIds), firstFailed, lastFailed);
        return new ImpactReport(incidentId, application, from, to,
                states.stream().map(IncidentState::incidentId).toList(), restarts, byService, oomKills, errors,
                failedOrders, moneyAtRisk, peak, baseline, messages, queueDepth, outage, currentRestarts);
    }

    private static List<String> involved(Finding finding) {
        TreeSet<String> services = new TreeSet<>(finding.affectedServices());
        if (finding.rootCause() != null) {
            services.add(finding.rootCause().service());
        }
        return List.copyOf(services);
    }

    private static long zero(Number n) {
        return n == null ? 0 : n.longValue();
    }

    private static int zero(Integer n) {
        return n == null ? 0 : n;
    }

    private static Double max(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(Math.max(a, b));
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant maxInstant(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
