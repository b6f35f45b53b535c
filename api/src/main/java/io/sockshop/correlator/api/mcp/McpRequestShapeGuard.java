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

import java.util.Optional;

/**
 * Answers, in front of the MCP server, the POSTs it fails on (found by ApiHostileInputProperties):
 * <ul>
 *   <li>a body that is valid JSON but no JSON-RPC message (an object or a batch array of objects) —
 *   {@code null}, a number, a string, {@code []} — which it answered 500: a 400 with a JSON-RPC
 *   "Invalid Request" error without id, as the Streamable HTTP transport answers input it cannot accept;</li>
 *   <li>a {@code tools/call} whose params are no object or whose {@code params.name} is missing or no
 *   string, which it never answered: a JSON-RPC {@code -32602 Invalid params} error with the request's
 *   id, as it answers an unknown tool itself (see {@link ToolCallParams}).</li>
 * </ul>
 * On the 2024-11 SSE transport's message endpoint ({@code /mcp/messages/<id>}), whose answers travel on
 * the client's event stream and not in the POST's response, the first gets the same 400, and such a
 * tools/call is handed to the MCP server with its params replaced by a name saying what is wrong, which no
 * tool has: the server answers it on the stream, as for any unknown tool, with {@code -32602} and the id.
 * Everything else goes on to the MCP server untouched (a second body handler is a no-op in Vert.x).
 */
@ApplicationScoped
public class McpRequestShapeGuard {

    static final String PATH = "/mcp";
    static final String SSE_MESSAGES = "/mcp/messages/*";
    /** An empty body or no JSON at all: the MCP server answers that itself (a parse error, not a 500). */
    private static final Object NOT_JSON = new Object();

    /** The same limit as every other body, so this route refuses nothing the MCP server would accept. */
    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBody;

    void install(@Observes Router router) {
        router.post(PATH).order(-10).handler(BodyHandler.create(false).setBodyLimit(maxBody.asLongValue()))
                .handler(McpRequestShapeGuard::check);
        router.post(SSE_MESSAGES).order(-10).handler(BodyHandler.create(false).setBodyLimit(maxBody.asLongValue()))
                .handler(McpRequestShapeGuard::checkSseMessage);
    }

    static void checkSseMessage(RoutingContext ctx) {
        Object value = decoded(ctx);
        if (value == NOT_JSON) {
            ctx.next();
        } else if (!isMessage(value)) {
            invalidRequest(ctx);
        } else {
            ToolCallParams.namedForTheServer(value).ifPresent(rewritten -> ctx.setBody(Json.encodeToBuffer(rewritten)));
            ctx.next();
        }
    }

    /** The body as JSON (a JSON {@code null} is null), or {@link #NOT_JSON}. */
    private static Object decoded(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            return NOT_JSON;
        }
        try {
            return Json.decodeValue(body);
        } catch (DecodeException e) {
            return NOT_JSON;
        }
    }

    private static void invalidRequest(RoutingContext ctx) {
        ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("jsonrpc", "2.0").putNull("id").put("error", new JsonObject()
                        .put("code", -32600).put("message", "Invalid Request: expected a JSON-RPC object or batch array"))
                        .encode());
    }

    static void check(RoutingContext ctx) {
        Object value = decoded(ctx);
        if (value == NOT_JSON) {
            ctx.next();
            return;
        }
        if (!isMessage(value)) {
            invalidRequest(ctx);
            return;
        }
        Optional<Object> answer = ToolCallParams.answer(value);
        if (answer.isEmpty()) {
            ctx.next();
        } else if (answer.get() instanceof JsonArray answers && answers.isEmpty()) {
            ctx.response().setStatusCode(202).end(); // notifications only: accepted, nothing to answer
        } else {
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(Json.encodeToBuffer(answer.get()));
        }
    }

    private static boolean isMessage(Object value) {
        if (value instanceof JsonArray batch) {
            return !batch.isEmpty() && batch.stream().allMatch(JsonObject.class::isInstance);
        }
        return value instanceof JsonObject;
    }
}
