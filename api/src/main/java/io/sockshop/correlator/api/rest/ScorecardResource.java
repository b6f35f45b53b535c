package io.sockshop.correlator.api.rest;

import io.sockshop.correlator.api.query.Scorecard;
import io.sockshop.correlator.api.query.ScorecardCalculator;
import io.sockshop.correlator.api.web.Params;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/scorecard")
@Produces(MediaType.APPLICATION_JSON)
public class ScorecardResource {

    @Inject
    ScorecardCalculator scorecard;

    @GET
    @Operation(summary = "Per injection run and in total: detected, signature and root cause right, time to detect,"
            + " false positives; precision, recall and F1 per signature")
    public Scorecard get(@QueryParam("scenario") String scenario, @QueryParam("application") String application) {
        return scorecard.compute(Params.name("scenario", scenario), Params.application(application));
    }
}
