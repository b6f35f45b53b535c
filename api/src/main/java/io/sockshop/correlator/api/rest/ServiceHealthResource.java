package io.sockshop.correlator.api.rest;

import io.sockshop.correlator.api.query.ServiceHealthQuery;
import io.sockshop.correlator.api.web.NotFoundProblemException;
import io.sockshop.correlator.api.web.Params;
import io.sockshop.correlator.model.health.ServiceHealth;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;

@Path("/api/v1/service-health")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceHealthResource {

    @Inject
    ServiceHealthQuery health;

    /** @param services sorted by application, then service */
    public record ServiceHealthList(String application, List<ServiceHealth> services) {
    }

    @GET
    @Operation(summary = "The current picture of every service (of one application): replicas, restarts, limits,"
            + " latency, error rate, open incidents")
    public ServiceHealthList list(@Parameter(description = "<cluster>/<namespace>; all applications when absent")
                                  @QueryParam("application") String application,
                                  @Parameter(description = "only this service") @QueryParam("service") String service) {
        String app = Params.application(application);
        String name = Params.name("service", service);
        List<ServiceHealth> all = health.list(app).stream()
                .filter(h -> name == null || name.equals(h.service())).toList();
        return new ServiceHealthList(app, all);
    }

    @GET
    @Path("/{cluster}/{namespace}/{service}")
    @Operation(summary = "One service's current picture")
    public ServiceHealth get(@PathParam("cluster") String cluster, @PathParam("namespace") String namespace,
                             @PathParam("service") String service) {
        String application = Params.application(cluster + "/" + namespace);
        String name = Params.name("service", service);
        return health.get(application, name).orElseThrow(() ->
                new NotFoundProblemException("no health picture of service " + name + " in " + application));
    }
}
