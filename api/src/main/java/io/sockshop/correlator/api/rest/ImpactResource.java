package io.sockshop.correlator.api.rest;

import io.sockshop.correlator.api.query.ImpactCalculator;
import io.sockshop.correlator.api.query.ImpactReport;
import io.sockshop.correlator.api.web.InvalidParameterException;
import io.sockshop.correlator.api.web.Params;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/api/v1/impact")
@Produces(MediaType.APPLICATION_JSON)
public class ImpactResource {

    @Inject
    ImpactCalculator impact;

    @GET
    @Operation(summary = "Impact summed over the incidents that overlap a time range")
    public ImpactReport range(@Parameter(description = "<cluster>/<namespace>") @QueryParam("application") String application,
                              @Parameter(description = "RFC 3339") @QueryParam("from") String from,
                              @Parameter(description = "RFC 3339") @QueryParam("to") String to) {
        var start = Params.instant("from", from);
        var end = Params.instant("to", to);
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidParameterException("to", "must not be before from");
        }
        return impact.forRange(Params.application(application), start, end);
    }
}
