package io.sockshop.correlator.api.rest;

import io.sockshop.correlator.api.query.OrderTrace;
import io.sockshop.correlator.api.query.OrderTraceService;
import io.sockshop.correlator.api.trace.OrderLogParser;
import io.sockshop.correlator.api.web.InvalidParameterException;
import io.sockshop.correlator.api.web.NotFoundProblemException;
import io.sockshop.correlator.api.web.Params;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    @Inject
    OrderTraceService traces;

    @GET
    @Path("/{orderId}/trace")
    @Operation(summary = "The lifecycle of one order from the logs, with the incident it belongs to")
    public OrderTrace trace(@PathParam("orderId") String orderId,
                            @Parameter(description = "<cluster>/<namespace>: only lines and incidents of this application")
                            @QueryParam("application") String application) {
        String id = checkOrderId(orderId);
        return traces.trace(id, Params.application(application)).orElseThrow(() -> new NotFoundProblemException("no indexed log line and no incident"
                + " names order " + id + " (the index covers the configured look-back of the logs topic)"));
    }

    static String checkOrderId(String orderId) {
        String id = orderId == null ? "" : orderId.trim().toLowerCase(java.util.Locale.ROOT);
        if (!OrderLogParser.isObjectId(id)) {
            throw new InvalidParameterException("orderId", "must be 24 hexadecimal digits (a MongoDB ObjectId such as"
                    + " 6900953ac1f4320001b50703), was '" + Params.abbreviate(orderId == null ? "" : orderId) + "'");
        }
        return id;
    }
}
