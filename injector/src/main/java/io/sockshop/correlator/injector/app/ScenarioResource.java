package io.sockshop.correlator.injector.app;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/scenarios")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "scenarios", description = "The incidents the injector can run")
public class ScenarioResource {

    @Inject
    InjectorRuntime runtime;

    @GET
    @Operation(summary = "List scenarios", description = "Every scenario with its ground truth and parameters")
    public List<ScenarioView> list() {
        return runtime.injector().scenarios().stream().map(ScenarioView::summary).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Show a scenario", description = "The scenario with its steps as written")
    @APIResponse(responseCode = "200", description = "The scenario")
    @APIResponse(responseCode = "404", description = "No such scenario (problem+json)")
    public ScenarioView show(@PathParam("id") String id) {
        return ScenarioView.detail(runtime.injector().scenario(id));
    }
}
