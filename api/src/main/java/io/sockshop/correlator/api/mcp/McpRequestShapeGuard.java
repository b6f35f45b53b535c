package io.sockshop.correlator.api.mcp;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A POST to the MCP endpoint whose body is valid JSON but no JSON-RPC message (an object or a batch
 * array of objects) — {@code null}, a number, a string, {@code []} — made the MCP server answer 500 (found by
 * ApiHostileInputProperties). It gets a 400 with a JSON-RPC "Invalid Request" error here instead;
 * everything else goes on to the MCP server untouched (a second body handler is a no-op in Vert.x).
 */
@ApplicationScoped
public class McpRequestShapeGuard {

    static final String PATH = "/mcp";

    /** The same limit as every other body, so this route refuses nothing the MCP server would accept. */
    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBody;

    void install(@Observes Router router) {
        router.post(PATH).order(-10).handler(BodyHandler.create(false).setBodyLimit(maxBody.asLongValue()))
                .handler(McpRequestShapeGuard::check);
    }

    static void check(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        if (body != null && body.length() > 0 && !isMessage(body)) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("jsonrpc", "2.0").putNull("id").put("error", new JsonObject()
                            .put("code", -32600).put("message", "Invalid Request: expected a JSON-RPC object or batch array"))
                            .encode());
            return;
        }
        ctx.next();
    }

    private static boolean isMessage(Buffer body) {
        try {
            Object value = Json.decodeValue(body);
            if (value instanceof JsonArray batch) {
                return !batch.isEmpty() && batch.stream().allMatch(JsonObject.class::isInstance);
            }
            return value instanceof JsonObject;
        } catch (DecodeException e) {
            return true; // not JSON at all: the MCP server answers that itself (a parse error, not a 500)
        }
    }
}
