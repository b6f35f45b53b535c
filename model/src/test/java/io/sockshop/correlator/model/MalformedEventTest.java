package io.sockshop.correlator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Malformed input is refused at decoding with a {@link MalformedEventException} whose reason says
 * where and what, and the published JSON Schema refuses the same documents, so the schema and the
 * code agree on what the contract is.
 */
class MalformedEventTest {

    record Case(String name, EventType<?> type, byte[] bytes, String reason, boolean schemaCanTell) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                raw("empty record", "", "empty record"),
                raw("not JSON", "{\"specversion\": ", "not valid JSON"),
                raw("not UTF-8", new byte[]{(byte) 0xC3, (byte) 0x28, '{', '}'}, "not valid JSON"),
                raw("JSON null", "null", "JSON null"),
                raw("JSON array", "[1, 2, 3]", "expected a CloudEvents JSON object at the top level"),
                raw("JSON string", "\"hello\"", "expected a CloudEvents JSON object at the top level"),
                raw("trailing garbage", new String(ContractDocs.exampleBytes(EventType.K8S_OBJECT),
                        StandardCharsets.UTF_8) + " {}", "Trailing token"),
                edit("missing id", EventType.K8S_OBJECT, e -> e.remove("id"), "id is required"),
                edit("blank id", EventType.K8S_OBJECT, e -> e.put("id", "   "), "id is required and must not be blank"),
                edit("old specversion", EventType.K8S_OBJECT, e -> e.put("specversion", "0.3"),
                        "specversion must be \"1.0\", was \"0.3\""),
                edit("missing specversion", EventType.K8S_OBJECT, e -> e.remove("specversion"),
                        "specversion must be \"1.0\", was missing"),
                edit("missing source", EventType.DATADOG_LOG, e -> e.remove("source"), "source is required"),
                edit("another type", EventType.K8S_OBJECT,
                        e -> e.put("type", "io.sockshop.correlator.datadog.log.v1"),
                        "type: expected \"io.sockshop.correlator.k8s.object.v1\""),
                edit("missing time", EventType.DATADOG_METRIC, e -> e.remove("time"), "time is required"),
                edit("time in words", EventType.DATADOG_METRIC, e -> e.put("time", "yesterday"),
                        "time: Cannot deserialize value of type `java.time.Instant` from String \"yesterday\""),
                edit("time without offset", EventType.DATADOG_METRIC, e -> e.put("time", "2025-11-05T21:00:30"),
                        "not an RFC 3339 timestamp"),
                edit("time as epoch number", EventType.DATADOG_METRIC, e -> e.put("time", 1762376430),
                        "expected an RFC 3339 timestamp string"),
                edit("text content type", EventType.DATADOG_LOG, e -> e.put("datacontenttype", "text/plain"),
                        "datacontenttype must be application/json"),
                edit("missing data", EventType.INJECTION, e -> e.remove("data"), "data is required"),
                edit("data is a string", EventType.INJECTION, e -> e.put("data", "{}"), "data: Cannot construct instance"),
                edit("missing uid", EventType.K8S_OBJECT, e -> data(e).remove("uid"),
                        "data: uid is required and must not be blank"),
                edit("unknown watch action", EventType.K8S_OBJECT, e -> data(e).put("action", "UPDATED"),
                        "data.action: Cannot deserialize value of type"),
                edit("restart count as string", EventType.K8S_OBJECT,
                        e -> status(e).put("restartCount", "3"), "data.pod.containerStatuses[0].restartCount"),
                edit("missing restart count", EventType.K8S_OBJECT, e -> status(e).remove("restartCount"),
                        "data.pod.containerStatuses[0]: restartCount is required"),
                edit("negative exit code", EventType.K8S_OBJECT,
                        e -> ((ObjectNode) status(e).path("lastState").path("terminated")).put("exitCode", -1),
                        "exitCode must not be negative, was -1"),
                edit("two container states", EventType.K8S_OBJECT,
                        e -> ((ObjectNode) status(e).path("state")).putObject("running"),
                        "at most one of waiting, running, terminated may be set"),
                edit("invalid quantity", EventType.K8S_OBJECT,
                        e -> ((ObjectNode) data(e).path("containers").path(0).path("limits")).put("memory", "lots"),
                        "not a Kubernetes quantity: 'lots'"),
                edit("relist delete without final state unknown", EventType.K8S_OBJECT,
                        e -> data(e).put("action", "RELIST_DELETED"),
                        "finalStateUnknown must be true when action is RELIST_DELETED"),
                edit("event object without event", EventType.K8S_OBJECT, e -> data(e).put("kind", "Event"),
                        "event is required when kind is Event"),
                edit("log without message", EventType.DATADOG_LOG, e -> data(e).remove("message"),
                        "data: message is required"),
                edit("tags not a list", EventType.DATADOG_LOG, e -> data(e).put("tags", "kube_namespace:sock-shop"),
                        "data.tags"),
                edit("metric value null", EventType.DATADOG_METRIC, e -> data(e).putNull("value"),
                        "data: value is required"),
                edit("metric value as string", EventType.DATADOG_METRIC, e -> data(e).put("value", "51000000"),
                        "data.value"),
                edit("unknown fault type", EventType.INJECTION,
                        e -> ((ObjectNode) data(e).path("expected")).put("faultType", "network-chaos"),
                        "unknown fault type 'network-chaos'"),
                edit("missing sequence", EventType.INJECTION, e -> data(e).remove("sequence"),
                        "data: sequence is required"),
                edit("confidence above one", EventType.FINDING,
                        e -> ((ObjectNode) data(e).path("confidence")).put("score", 1.5),
                        "score must be between 0 and 1, was 1.5"),
                edit("application without cluster", EventType.FINDING, e -> data(e).put("application", "sock-shop"),
                        "application key must be <cluster>/<namespace>, was 'sock-shop'"),
                edit("revision zero", EventType.FINDING, e -> data(e).put("revision", 0),
                        "revision must be at least 1, was 0"),
                edit("resolved without resolvedAt", EventType.INCIDENT, e -> data(e).put("status", "RESOLVED"),
                        "resolvedAt is required when status is RESOLVED"),
                edit("score without detected", EventType.SCORE, e -> data(e).remove("detected"),
                        "data: detected is required"),
                edit("deep nesting", EventType.DATADOG_LOG, e -> data(e).set("attributes", nested(100)),
                        "nesting depth", false),
                edit("huge string", EventType.DATADOG_LOG,
                        e -> data(e).put("message", "x".repeat(Json.MAX_STRING_LENGTH + 1)),
                        "String value length", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void codecRefusesWithAReasonThatSaysWhereAndWhat(Case c) {
        EventCodec<?> codec = new EventCodec<>(c.type());
        assertThatThrownBy(() -> codec.decode(c.bytes()))
                .isInstanceOf(MalformedEventException.class)
                .satisfies(e -> assertThat(((MalformedEventException) e).reason()).contains(c.reason()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void schemaRefusesTheSameDocument(Case c) throws Exception {
        JsonNode document;
        try {
            document = Json.mapper().readTree(c.bytes());
        } catch (Exception notJson) {
            return; // not JSON at all: no schema applies
        }
        if (document == null || document.isMissingNode() || !c.schemaCanTell()) {
            return;
        }
        assertThat(ContractDocs.validate(c.type(), document)).as("schema errors for " + c.name()).isNotEmpty();
    }

    private static Case raw(String name, String text, String reason) {
        return raw(name, text.getBytes(StandardCharsets.UTF_8), reason);
    }

    private static Case raw(String name, byte[] bytes, String reason) {
        return new Case(name, EventType.K8S_OBJECT, bytes, reason, true);
    }

    private static Case edit(String name, EventType<?> type, Consumer<ObjectNode> change, String reason) {
        return edit(name, type, change, reason, true);
    }

    private static Case edit(String name, EventType<?> type, Consumer<ObjectNode> change, String reason,
                             boolean schemaCanTell) {
        ObjectNode event = (ObjectNode) ContractDocs.exampleTree(type).deepCopy();
        change.accept(event);
        try {
            return new Case(name, type, Json.mapper().writeValueAsBytes(event), reason, schemaCanTell);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.path("data");
    }

    private static ObjectNode status(ObjectNode event) {
        return (ObjectNode) data(event).path("pod").path("containerStatuses").path(0);
    }

    private static JsonNode nested(int depth) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode current = root;
        for (int i = 0; i < depth; i++) {
            current = current.putObject("n");
        }
        return root;
    }

}
