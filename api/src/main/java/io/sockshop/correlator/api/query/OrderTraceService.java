package io.sockshop.correlator.api.query;

import io.sockshop.correlator.api.state.IncidentStore;
import io.sockshop.correlator.api.trace.LineKind;
import io.sockshop.correlator.api.trace.OrderLine;
import io.sockshop.correlator.api.trace.OrderLogIndex;
import io.sockshop.correlator.model.finding.FailedOrders;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Answers "what happened to order X": its lifecycle from the logs and the incident it belongs to. */
public final class OrderTraceService {

    static final String FAILED_ORDERS = "FAILED_ORDERS";
    static final String TIME_WINDOW = "TIME_WINDOW";
    /** The status-lifecycle orders build's state for an order whose payment call failed. */
    static final String PAYMENT_FAILED = "PAYMENT_FAILED";

    private final OrderLogIndex index;
    private final IncidentStore incidents;

    public OrderTraceService(OrderLogIndex index, IncidentStore incidents) {
        this.index = index;
        this.incidents = incidents;
    }

    /**
     * @param application only lines and incidents of this application ({@code <cluster>/<namespace>});
     *                    null for any (order ids are ObjectIds, unique across applications in practice)
     */
    public Optional<OrderTrace> trace(String orderId, String application) {
        List<OrderLine> lines = index.lines(orderId).orElse(List.of()).stream()
                .filter(o -> application == null || application.equals(o.line().application())).toList();
        List<IncidentState> listing = incidents.all().stream()
                .filter(i -> application == null || application.equals(i.application()))
                .filter(i -> lists(i.latest(), orderId)).toList();
        if (lines.isEmpty() && listing.isEmpty()) {
            return Optional.empty();
        }
        List<OrderTrace.Event> events = lines.stream().map(o -> new OrderTrace.Event(o.line().time(),
                o.line().service(), o.line().pod(), o.line().kind(), o.line().status(), o.line().level(),
                o.line().message(), o.line().eventId(), o.line().traceId(), o.matchedBy())).toList();
        List<OrderTrace.StatusChange> statuses = lines.stream().filter(o -> o.line().kind() == LineKind.STATUS)
                .map(o -> new OrderTrace.StatusChange(o.line().time(), o.line().status())).toList();
        String finalStatus = statuses.isEmpty() ? null : statuses.get(statuses.size() - 1).status();
        Boolean authorised = lines.stream().filter(o -> o.line().authorised() != null)
                .reduce((a, b) -> b).map(o -> o.line().authorised()).orElse(null);
        Instant first = lines.isEmpty() ? null : lines.get(0).line().time();
        Instant last = lines.isEmpty() ? null : lines.get(lines.size() - 1).line().time();
        String app = application != null ? application
                : lines.isEmpty() ? listing.get(0).application() : lines.get(lines.size() - 1).line().application();

        List<OrderTrace.IncidentLink> links = new ArrayList<>();
        listing.stream().sorted(bySeverityThenRecent()).forEach(i -> links.add(link(i, FAILED_ORDERS)));
        if (first != null) {
            Set<String> services = lines.stream().map(o -> o.line().service()).filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            incidents.all().stream()
                    .filter(i -> !listing.contains(i) && i.application().equals(app))
                    .filter(i -> covers(i, first, last) && services.stream().anyMatch(s -> IncidentFilter.involves(i.latest(), s)))
                    .sorted(bySeverityThenRecent())
                    .forEach(i -> links.add(link(i, TIME_WINDOW)));
        }
        OrderTrace.IncidentLink primary = links.isEmpty() ? null : links.get(0);
        boolean moneyAtRisk = PAYMENT_FAILED.equals(finalStatus)
                || (primary != null && FAILED_ORDERS.equals(primary.matchedBy()) && Boolean.TRUE.equals(primary.moneyAtRisk()));
        String summary = summary(orderId, statuses, lines, primary, moneyAtRisk, first, last);
        return Optional.of(new OrderTrace(orderId, app, first, last, finalStatus, statuses, authorised,
                moneyAtRisk, summary, primary, links.size() > 1 ? links.subList(1, links.size()) : List.of(), events));
    }

    static boolean lists(Finding finding, String orderId) {
        FailedOrders failed = finding.impact().failedOrders();
        return failed != null && failed.ids().contains(orderId);
    }

    /** The incident's window, from its first evidence to its resolution (open-ended while active). */
    private static boolean covers(IncidentState incident, Instant first, Instant last) {
        Instant start = incident.latest().firstSeen().isBefore(incident.openedAt())
                ? incident.latest().firstSeen() : incident.openedAt();
        Instant end = IncidentFilter.end(incident);
        return !last.isBefore(start) && (end == null || !first.isAfter(end));
    }

    private static Comparator<IncidentState> bySeverityThenRecent() {
        return Comparator.comparing((IncidentState i) -> i.latest().severity(), Comparator.comparingInt(Severity::ordinal))
                .thenComparing(IncidentState::openedAt, Comparator.reverseOrder());
    }

    private static OrderTrace.IncidentLink link(IncidentState incident, String matchedBy) {
        Finding latest = incident.latest();
        return new OrderTrace.IncidentLink(incident.incidentId(), incident.signature(), incident.status(),
                incident.rootCauseService(), latest.title(), latest.impact().moneyAtRisk(), matchedBy);
    }

    private static String summary(String orderId, List<OrderTrace.StatusChange> statuses, List<OrderLine> lines,
                                  OrderTrace.IncidentLink incident, boolean moneyAtRisk, Instant first, Instant last) {
        StringBuilder text = new StringBuilder("Order ").append(orderId);
        if (statuses.isEmpty()) {
            text.append(lines.isEmpty() ? " appears in no indexed log line" : " has no status line in the logs");
        } else {
            text.append(" went ").append(statuses.stream().map(OrderTrace.StatusChange::status)
                    .collect(Collectors.joining(" -> ")));
        }
        if (first != null) {
            text.append(" between ").append(first).append(" and ").append(last);
        }
        long errors = lines.stream().filter(o -> o.line().kind() == LineKind.ERROR).count();
        if (errors > 0) {
            text.append("; ").append(errors).append(errors == 1 ? " error line" : " error lines");
        }
        text.append('.');
        if (incident != null) {
            text.append(FAILED_ORDERS.equals(incident.matchedBy()) ? " It is a failed order of incident "
                    : " It falls in the window of incident ").append(incident.incidentId())
                    .append(" (").append(incident.signature());
            if (incident.rootCauseService() != null) {
                text.append(", root cause ").append(incident.rootCauseService());
            }
            text.append(").");
        }
        if (moneyAtRisk) {
            text.append(" The customer may have been charged: reconcile with the payment gateway before refunding or fulfilling.");
        }
        return text.toString();
    }
}
