package io.sockshop.correlator.api.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import io.sockshop.correlator.api.config.ApiConfig;
import io.sockshop.correlator.api.query.IncidentQuery;
import io.sockshop.correlator.api.query.OrderTraceService;
import io.sockshop.correlator.api.query.ScorecardCalculator;
import io.sockshop.correlator.api.query.ServiceHealthQuery;
import io.sockshop.correlator.api.trace.OrderLogParser;
import io.sockshop.correlator.api.web.InvalidParameterException;
import io.sockshop.correlator.api.web.Params;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The API's read-only tools for LLM SRE agents, over MCP (Streamable HTTP at {@code /mcp}). Each
 * answers JSON text, the same documents as the REST endpoints; a bad argument is a tool error
 * that says which argument and why.
 */
public class CorrelatorTools {

    @Inject
    IncidentQuery incidents;
    @Inject
    ServiceHealthQuery health;
    @Inject
    OrderTraceService orders;
    @Inject
    ScorecardCalculator scorecard;
    @Inject
    ApiConfig config;
    @Inject
    ObjectMapper mapper;

    @Tool(name = "list_incidents", description = "List incidents detected by the correlator, newest first. Each has"
            + " its signature, status, severity, root-cause service, affected services and a one-sentence summary."
            + " Use get_incident for the evidence, impact and remediation of one.")
    public ToolResponse listIncidents(
            @ToolArg(description = "Comma-separated OPEN, UPDATED, RESOLVED, or 'active' for OPEN and UPDATED",
                    required = false) String status,
            @ToolArg(description = "Application as <cluster>/<namespace>, e.g. kind-sockshop/sock-shop",
                    required = false) String application,
            @ToolArg(description = "Signature id, e.g. dependency-down-inconsistency", required = false) String signature,
            @ToolArg(description = "A root-cause or affected service, e.g. payment", required = false) String service,
            @ToolArg(description = "RFC 3339 time: incidents still active at or after it", required = false) String from,
            @ToolArg(description = "RFC 3339 time: incidents opened at or before it", required = false) String to,
            @ToolArg(description = "Maximum number of incidents, 1 to 200 (default 50)", required = false) String limit) {
        return answer(() -> incidents.list(Params.filter(status, application, null, signature, service, from, to),
                Params.limit(limit, config.paging().defaultPageSize(), config.paging().maxPageSize()), null));
    }

    @Tool(name = "get_incident", description = "One incident in full: timeline, the latest finding with its evidence"
            + " (with the CloudEvents ids of the source records), confidence and its reasons, impact (restarts,"
            + " failed orders and their ids, errors, peak latency, messages stuck) and remediation.")
    public ToolResponse getIncident(@ToolArg(description = "The incident id, as list_incidents returns it") String incidentId) {
        return answer(() -> incidents.get(Params.incidentId(incidentId))
                .map(Object.class::cast)
                .orElseThrow(() -> new InvalidParameterException("incidentId", "names no known incident: " + incidentId)));
    }

    @Tool(name = "get_service_health", description = "The current picture of the services of an application:"
            + " status, desired and available replicas, restarts, last termination reason, limits, CPU, memory,"
            + " latency, error rate and the open incidents that involve each.")
    public ToolResponse getServiceHealth(
            @ToolArg(description = "Application as <cluster>/<namespace>, e.g. kind-sockshop/sock-shop") String application,
            @ToolArg(description = "Only this service, e.g. payment", required = false) String service) {
        return answer(() -> {
            String app = Params.requiredApplication(application);
            String name = Params.name("service", service);
            return Map.of("application", app, "services",
                    health.list(app).stream().filter(h -> name == null || name.equals(h.service())).toList());
        });
    }

    @Tool(name = "trace_order", description = "The lifecycle of one order from the logs (status changes such as"
            + " CREATED -> PENDING -> PAYMENT_FAILED, payment request and response, errors), whether money is at"
            + " risk, and the incident it belongs to. Use it when a customer reports a problem with an order.")
    public ToolResponse traceOrder(@ToolArg(description = "The order id: 24 hex digits, e.g. 6900953ac1f4320001b50703")
                                   String orderId,
                                   @ToolArg(description = "Only this application, <cluster>/<namespace>", required = false)
                                   String application) {
        return answer(() -> {
            String id = orderId == null ? "" : orderId.trim().toLowerCase(Locale.ROOT);
            if (!OrderLogParser.isObjectId(id)) {
                throw new InvalidParameterException("orderId", "must be 24 hexadecimal digits, was '"
                        + Params.abbreviate(orderId == null ? "" : orderId) + "'");
            }
            return orders.trace(id, Params.application(application)).map(Object.class::cast).orElseThrow(() -> new InvalidParameterException("orderId",
                    "names an order that no indexed log line and no incident mentions: " + id));
        });
    }

    @Tool(name = "get_scorecard", description = "How the correlator did against injected incidents (ground truth):"
            + " per run and in total, detected, signature right, root cause right, time to detect, false positives;"
            + " precision, recall and F1 per signature.")
    public ToolResponse getScorecard(
            @ToolArg(description = "Only runs of this scenario, e.g. incident-3", required = false) String scenario,
            @ToolArg(description = "Only runs in this application, <cluster>/<namespace>", required = false) String application) {
        return answer(() -> scorecard.compute(Params.name("scenario", scenario), Params.application(application)));
    }

    private ToolResponse answer(Supplier<Object> query) {
        try {
            return ToolResponse.success(mapper.writeValueAsString(query.get()));
        } catch (InvalidParameterException e) {
            return ToolResponse.error(e.getMessage());
        } catch (JsonProcessingException e) {
            return ToolResponse.error("could not encode the answer");
        }
    }
}
