package io.sockshop.correlator.injector.app;

import io.sockshop.correlator.injector.InjectorException;
import io.sockshop.correlator.injector.run.RunState;
import io.sockshop.correlator.injector.run.RunView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;

@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "Start, stop and follow injection runs")
public class RunResource {

    @Inject
    InjectorRuntime runtime;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a run", description = "Runs a scenario with optional parameter overrides; with"
            + " dryRun the plan comes back as kubectl commands and nothing changes")
    @APIResponse(responseCode = "202", description = "Started; follow it at the Location")
    @APIResponse(responseCode = "200", description = "Dry run: the plan, nothing changed")
    @APIResponse(responseCode = "400", description = "Invalid request, parameter or duration (problem+json)")
    @APIResponse(responseCode = "403", description = "Namespace not in the allowlist (problem+json)")
    @APIResponse(responseCode = "404", description = "No such scenario (problem+json)")
    @APIResponse(responseCode = "409", description = "A target Deployment is under another active run (problem+json)")
    @APIResponse(responseCode = "422", description = "A target does not exist in the cluster (problem+json)")
    public Response start(StartRunBody body, @Context UriInfo uri) {
        if (body == null) {
            throw InjectorException.invalid("a JSON body is required: {\"scenarioId\": \"incident-3\"}");
        }
        RunView run = runtime.injector().start(body.toRequest());
        Response.ResponseBuilder response = run.dryRun() ? Response.ok(run) : Response.accepted(run);
        return response.location(uri.getBaseUriBuilder().path("runs").path(run.runId()).build()).build();
    }

    @GET
    @Operation(summary = "Run history", description = "Runs of this process and runs restored at start-up, newest"
            + " first; filter by scenario or state")
    public List<RunView> history(@QueryParam("scenarioId") String scenarioId, @QueryParam("state") String state) {
        RunState wanted = state == null ? null : parse(state);
        return runtime.injector().history().stream()
                .filter(r -> scenarioId == null || r.scenarioId().equals(scenarioId))
                .filter(r -> wanted == null || r.state() == wanted)
                .toList();
    }

    @GET
    @Path("/{runId}")
    @Operation(summary = "Run status", description = "State, plan, published events and pending restore of a run")
    @APIResponse(responseCode = "404", description = "No such run (problem+json)")
    public RunView status(@PathParam("runId") String runId) {
        return runtime.injector().run(runId).orElseThrow(() ->
                new InjectorException(InjectorException.Kind.RUN_NOT_FOUND, "no run '" + runId + "'"));
    }

    @POST
    @Path("/{runId}/stop")
    @Operation(summary = "Stop a run", description = "Ends the run at once; it restores and ends ABORTED")
    @APIResponse(responseCode = "202", description = "Stopping; the restore follows")
    @APIResponse(responseCode = "404", description = "No such run (problem+json)")
    @APIResponse(responseCode = "409", description = "The run already ended (problem+json)")
    public Response stop(@PathParam("runId") String runId, @QueryParam("reason") String reason) {
        return Response.accepted(runtime.injector().stop(runId, reason == null ? "stopped through the API" : reason))
                .build();
    }

    private static RunState parse(String state) {
        try {
            return RunState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InjectorException.invalid("state must be one of " + List.of(RunState.values()) + ", was '" + state + "'");
        }
    }
}
