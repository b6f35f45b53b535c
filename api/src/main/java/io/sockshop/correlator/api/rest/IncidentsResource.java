package io.sockshop.correlator.api.rest;

import io.sockshop.correlator.api.config.ApiConfig;
import io.sockshop.correlator.api.query.ImpactCalculator;
import io.sockshop.correlator.api.query.ImpactReport;
import io.sockshop.correlator.api.query.IncidentPage;
import io.sockshop.correlator.api.query.IncidentQuery;
import io.sockshop.correlator.api.web.InvalidParameterException;
import io.sockshop.correlator.api.web.NotFoundProblemException;
import io.sockshop.correlator.api.web.Params;
import io.sockshop.correlator.model.finding.IncidentState;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentsResource {

    @Inject
    IncidentQuery incidents;
    @Inject
    ImpactCalculator impact;
    @Inject
    ApiConfig config;

    @GET
    @Operation(summary = "Incidents, newest first, filtered and paged")
    public IncidentPage list(
            @Parameter(description = "comma-separated OPEN, UPDATED, RESOLVED, or active (OPEN and UPDATED)")
            @QueryParam("status") String status,
            @Parameter(description = "<cluster>/<namespace>") @QueryParam("application") String application,
            @QueryParam("namespace") String namespace,
            @Parameter(description = "signature id, e.g. dependency-down-inconsistency") @QueryParam("signature") String signature,
            @Parameter(description = "root-cause or affected service") @QueryParam("service") String service,
            @Parameter(description = "RFC 3339; incidents still active at or after it") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339; incidents opened at or before it") @QueryParam("to") String to,
            @Parameter(description = "page size, 1 to the configured maximum (200)") @QueryParam("limit") String limit,
            @Parameter(description = "nextPageToken of the previous page") @QueryParam("pageToken") String pageToken) {
        var filter = Params.filter(status, application, namespace, signature, service, from, to);
        int size = Params.limit(limit, config.paging().defaultPageSize(), config.paging().maxPageSize());
        IncidentQuery.PageToken after = null;
        if (pageToken != null && !pageToken.isBlank()) {
            try {
                after = IncidentQuery.PageToken.parse(pageToken.length() > Params.MAX_TEXT ? "" : pageToken);
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("pageToken", e.getMessage());
            }
        }
        return incidents.list(filter, size, after);
    }

    @GET
    @Path("/{incidentId}")
    @Operation(summary = "One incident: timeline, latest finding with evidence (source record ids), impact, remediation")
    public IncidentState get(@PathParam("incidentId") String incidentId) {
        String id = Params.incidentId(incidentId);
        return incidents.get(id).orElseThrow(() -> new NotFoundProblemException("no incident " + id));
    }

    @GET
    @Path("/{incidentId}/impact")
    @Operation(summary = "The incident's impact as numbers")
    public ImpactReport impact(@PathParam("incidentId") String incidentId) {
        String id = Params.incidentId(incidentId);
        return impact.forIncident(id).orElseThrow(() -> new NotFoundProblemException("no incident " + id));
    }
}
