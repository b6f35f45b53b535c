package io.sockshop.correlator.api.mcp;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which messages the guard answers in the MCP server's stead, and with what (one row per shape). */
class ToolCallParamsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // message | the answer, or - when the MCP server answers
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}"
                    + "|{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,\"message\":\"Invalid params: params.name (the tool to call) is missing or null\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":{\"name\":null}}"
                    + "|{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"error\":{\"code\":-32602,\"message\":\"Invalid params: params.name (the tool to call) is missing or null\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":42}}"
                    + "|{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":-32602,\"message\":\"Invalid params: params.name (the tool to call) must be a string, was a number\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":{\"x\":1}}}"
                    + "|{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32602,\"message\":\"Invalid params: params.name (the tool to call) must be a string, was an object\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"tools/call\",\"params\":[\"list_incidents\"]}"
                    + "|{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32602,\"message\":\"Invalid params: params must be an object with the tool's name, was an array\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":\"list_incidents\"}"
                    + "|{\"jsonrpc\":\"2.0\",\"id\":10,\"error\":{\"code\":-32602,\"message\":\"Invalid params: params must be an object with the tool's name, was a string\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\"}"
                    + "|{\"jsonrpc\":\"2.0\",\"id\":11,\"error\":{\"code\":-32602,\"message\":\"Invalid params: params must be an object with the tool's name, and is missing or null\"}}",
            // a notification expects no answer: accepted (202) and dropped, as the transport does with notifications
            "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{}}|[]",
            // the MCP server's own answers: a known or unknown name, other methods
            "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\"}}|-",
            "{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"tools/call\",\"params\":{\"name\":\"\",\"arguments\":5}}|-",
            "{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"tools/call\",\"params\":{\"name\":\"list_incidents\"}}|-",
            "{\"jsonrpc\":\"2.0\",\"id\":15,\"method\":\"tools/list\",\"params\":5}|-",
            "{\"jsonrpc\":\"2.0\",\"id\":16,\"method\":42}|-",
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]|-",
            // a batch holding one is answered whole: every request gets its error, notifications nothing
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{}},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{}}]"
                    + "|[{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"Not processed: a tools/call in this batch has invalid params (see its error); send this request again without it\"}},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32602,\"message\":\"Invalid params: params.name (the tool to call) is missing or null\"}}]",
            "[{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":7}]"
                    + "|[{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: params must be an object with the tool's name, was a number\"}}]"})
    void answersOnlyToolCallsTheMcpServerCannotTake(String message, String expected) {
        Optional<Object> answer = ToolCallParams.answer(Json.decodeValue(message));
        if (expected.equals("-")) {
            assertThat(answer).isEmpty();
        } else {
            Object want = Json.decodeValue(expected);
            assertThat(answer).isPresent();
            assertThat(answer.get()).isInstanceOf(want instanceof JsonArray ? JsonArray.class : JsonObject.class);
            assertThat(Json.encode(answer.get())).isEqualTo(Json.encode(want));
        }
    }

    /** On the SSE transport the MCP server answers on its stream: such a call goes on with a name no tool has. */
    @Test
    void forTheSseTransportSuchCallsGoOnWithANameSayingWhatIsWrong() {
        Object batch = Json.decodeValue("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]");
        assertThat(ToolCallParams.namedForTheServer(batch)).map(Json::encode).contains("[{\"jsonrpc\":\"2.0\",\"id\":1,"
                + "\"method\":\"tools/call\",\"params\":{\"name\":\"(params.name (the tool to call) is missing or null)\"}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]");
        assertThat(ToolCallParams.namedForTheServer(Json.decodeValue("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                + "\"params\":7}"))).map(Json::encode).contains("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"(params must be an object with the tool's name, was a number)\"}}");
        assertThat(ToolCallParams.namedForTheServer(Json.decodeValue("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"list_incidents\"}}"))).isEmpty();
    }
}
