package io.sockshop.correlator.api.mcp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JSON-RPC answers to {@code tools/call} requests whose {@code params} the MCP server cannot take:
 * quarkus-mcp-server 1.13.0 throws a NullPointerException on the event loop when {@code params.name} is
 * missing or not a string, and never answers. Such a request gets {@code -32602 Invalid params} with its
 * id. A batch is answered whole when it holds one (every other request in it gets a {@code -32000}
 * "not processed" error with its own id, so no request of the batch is left waiting); a tool name that is
 * a string, known or not, is the MCP server's to answer.
 */
final class ToolCallParams {

    static final int INVALID_PARAMS = -32602;
    static final int NOT_PROCESSED = -32000;

    private ToolCallParams() {
    }

    /** Why the message is a tools/call with params the MCP server cannot take, or empty. */
    static Optional<String> problem(JsonObject message) {
        if (!"tools/call".equals(message.getValue("method"))) {
            return Optional.empty();
        }
        Object params = message.getValue("params");
        if (!(params instanceof JsonObject p)) {
            return Optional.of(params == null ? "params must be an object with the tool's name, and is missing or null"
                    : "params must be an object with the tool's name, was " + kind(params));
        }
        Object name = p.getValue("name");
        if (!(name instanceof String)) {
            return Optional.of(name == null ? "params.name (the tool to call) is missing or null"
                    : "params.name (the tool to call) must be a string, was " + kind(name));
        }
        return Optional.empty();
    }

    /**
     * The answer to a message or batch holding such a tools/call: a JSON object (a single message), a
     * JSON array (a batch), or empty when nothing in it expects an answer (notifications only).
     * Empty too when nothing in it is such a tools/call: the MCP server answers then.
     *
     * @param messages the message (a JsonObject) or batch (a JsonArray of JsonObjects)
     */
    static Optional<Object> answer(Object messages) {
        List<JsonObject> batch = new ArrayList<>();
        if (messages instanceof JsonArray array) {
            array.forEach(m -> batch.add((JsonObject) m));
        } else {
            batch.add((JsonObject) messages);
        }
        List<Optional<String>> problems = batch.stream().map(ToolCallParams::problem).toList();
        if (problems.stream().allMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        JsonArray answers = new JsonArray();
        for (int i = 0; i < batch.size(); i++) {
            JsonObject message = batch.get(i);
            if (!message.containsKey("id") || !(message.getValue("method") instanceof String)) {
                continue; // a notification or a response: JSON-RPC answers neither
            }
            answers.add(problems.get(i)
                    .map(p -> error(message.getValue("id"), INVALID_PARAMS, "Invalid params: " + p))
                    .orElseGet(() -> error(message.getValue("id"), NOT_PROCESSED, "Not processed: a tools/call in this"
                            + " batch has invalid params (see its error); send this request again without it")));
        }
        if (messages instanceof JsonArray) {
            return Optional.of(answers);
        }
        return Optional.of(answers.isEmpty() ? new JsonArray() : answers.getJsonObject(0));
    }

    /**
     * For the SSE transport, whose answers go on the event stream: the message or batch with each such
     * tools/call's params replaced by {@code {"name": "<what is wrong>"}}, a name no tool has, so that the MCP
     * server answers it there as an unknown tool ({@code -32602}, with the id); empty when there is none.
     */
    static Optional<Object> namedForTheServer(Object messages) {
        if (messages instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            boolean changed = false;
            for (Object m : array) {
                Optional<JsonObject> named = named((JsonObject) m);
                changed |= named.isPresent();
                copy.add(named.orElse((JsonObject) m));
            }
            return changed ? Optional.of(copy) : Optional.empty();
        }
        return named((JsonObject) messages).map(Object.class::cast);
    }

    private static Optional<JsonObject> named(JsonObject message) {
        return problem(message).map(p -> message.copy().put("params", new JsonObject().put("name", "(" + p + ")")));
    }

    private static JsonObject error(Object id, int code, String message) {
        return new JsonObject().put("jsonrpc", "2.0").put("id", id)
                .put("error", new JsonObject().put("code", code).put("message", message));
    }

    private static String kind(Object value) {
        if (value instanceof JsonArray) {
            return "an array";
        }
        if (value instanceof JsonObject) {
            return "an object";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return value instanceof String ? "a string" : "null";
    }
}
