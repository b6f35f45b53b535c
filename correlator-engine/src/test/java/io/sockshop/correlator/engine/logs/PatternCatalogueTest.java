package io.sockshop.correlator.engine.logs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default catalogue against real lines (shared/reference/sockshop/logs/*.log and FORMATS.md
 * section 2; derived lines marked). Each row: line, expected kind (null: not a signal), and the
 * captured field that matters.
 */
class PatternCatalogueTest {

    static final PatternCatalogue CATALOGUE = PatternCatalogue.defaults();

    static Stream<Arguments> lines() {
        return Stream.of(
                // catalogue.log, real: a health check on stderr is a duration of an ignored method, not a signal
                Arguments.of("ts=2025-10-18T07:37:36.326759029Z caller=logging.go:81 method=Health result=2 took=25.772\u252c\u2561s", null, null),
                Arguments.of("ts=2025-10-18T07:38:32.442174143Z caller=logging.go:36 method=Health result=1 took=13.612\u00b5s", null, null),
                // catalogue.log, real
                Arguments.of("ts=2025-10-18T09:11:39.75194928Z caller=logging.go:27 method=List tags= order=id pageNum=1 pageSize=5 result=5 err=null took=236.974386ms", LogKind.DURATION, "236.974386"),
                // payment.log, real (ns and mangled µs)
                Arguments.of("ts=2025-10-18T09:23:58.673903293Z caller=logging.go:25 method=Authorise result=true took=736ns", LogKind.DURATION, "7.36E-4"),
                Arguments.of("ts=2025-10-18T09:23:45.574788931Z caller=logging.go:25 method=Authorise result=false took=787.74\u252c\u2561s", LogKind.DURATION, "0.78774"),
                // user.log, real: a 404 on login is traffic, not an error
                Arguments.of("ts=2025-10-18T09:12:11.609331114Z caller=server.go:110 err=\"not found\"", null, null),
                // catalogue breaker, verified text at the vendored gobreaker revision
                Arguments.of("ts=2025-11-05T21:00:30.412118Z caller=server.go:94 err=\"circuit breaker 'List' is open\"", LogKind.CIRCUIT_OPEN, "List"),
                Arguments.of("ts=2025-11-05T21:00:29Z caller=server.go:94 err=\"database connection error\"", LogKind.DATASTORE_ERROR, null),
                // orders, real timeout wrapper
                Arguments.of("2025-10-18 09:24:03.805 ERROR [orders,,,] 1 --- [nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; nested exception is java.lang.IllegalStateException: Unable to create order due to timeout from one of the services.] with root cause", LogKind.DEPENDENCY_TIMEOUT, null),
                // orders, derived IO error wrapper and the split stack trace line
                Arguments.of("... ERROR [orders,,,] 1 --- [p-nio-80-exec-7] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; nested exception is java.lang.IllegalStateException: Unable to create order due to unspecified IO error.] with root cause", LogKind.DEPENDENCY_IO_ERROR, null),
                Arguments.of("java.net.ConnectException: Connection refused (Connection refused)", LogKind.CONNECTION_REFUSED, null),
                // the callee host is read from the URL, whatever the service is called
                Arguments.of("org.springframework.web.client.ResourceAccessException: I/O error on POST request for \"http://payment/paymentAuth\": Connection refused (Connection refused); nested exception is java.net.ConnectException: Connection refused (Connection refused)", LogKind.CONNECTION_REFUSED, "payment"),
                Arguments.of("org.springframework.web.client.ResourceAccessException: I/O error on POST request for \"http://billing/paymentAuth\": Connection refused", LogKind.CONNECTION_REFUSED, "billing"),
                Arguments.of("Payment failed for order 6900953ac1f4320001b50703: http://payment:80/paymentAuth Connection refused", LogKind.CONNECTION_REFUSED, "payment"),
                // the status-lifecycle build of orders the guide requires
                Arguments.of("2025-11-05 11:20:31.518  WARN [orders,a,b,false] 1 --- [p-nio-80-exec-7] w.w.s.o.controllers.OrdersController     : Order 6900953ac1f4320001b50703 status updated to PAYMENT_FAILED", LogKind.ORDER_STATUS, "6900953ac1f4320001b50703"),
                Arguments.of("Order status updated to PAYMENT_FAILED due to: Connection refused", LogKind.ORDER_STATUS, "PAYMENT_FAILED"),
                // orders.log, real: a payment response is no signal
                Arguments.of("2025-10-18 09:23:58.694  INFO [orders,3a80d1695a022d3d,baf9a0fc4bff5c8b,false] 1 --- [nio-8080-exec-3] w.w.s.o.controllers.OrdersController     : Received payment response: PaymentResponse{authorised=true, message=Payment authorised}", null, null),
                // shipping.log, real; queue-master, source
                Arguments.of("Adding shipment to queue...", LogKind.PUBLISH, null),
                Arguments.of("Unable to add to queue (the queue is probably down). Accepting anyway. Don't do this for real!", LogKind.PUBLISH_FAILED, null),
                Arguments.of("Received shipment task: 57a98d98e4b00679b4a830af", LogKind.CONSUME, "57a98d98e4b00679b4a830af"),
                // spring-amqp consumer losing the broker, real
                Arguments.of("2018-09-07 00:23:24.529  WARN 21476 --- [a633CoQfuUjgQ-2] o.s.a.r.l.SimpleMessageListenerContainer : Consumer raised exception, processing can restart if the connection factory supports it. Exception summary: org.springframework.amqp.AmqpConnectException: java.net.ConnectException: Connection refused (Connection refused)", LogKind.CONSUMER_CONNECT_FAILED, null),
                // front-end.log, real morgan lines with ANSI colours
                Arguments.of("\u001b[0mGET /catalogue?size=5 \u001b[32m200 \u001b[0m- ms - -\u001b[0m", LogKind.ACCESS, "200"),
                Arguments.of("\u001b[0mGET /catalogue/images/holy_2.jpeg \u001b[32m200 \u001b[0m102.367 ms - 43812\u001b[0m", LogKind.ACCESS, "200"),
                Arguments.of("\u001b[0mPOST /orders \u001b[31m500 \u001b[0m- ms - -\u001b[0m", LogKind.ACCESS, "500"),
                // rabbitmq exporter, real
                Arguments.of("time=\"2025-10-18T07:37:41Z\" level=info msg=\"Metrics updated\" duration=28.349477ms", null, null));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void classifiesRealLines(String line, LogKind kind, String field) {
        LogMatch m = CATALOGUE.classify(line);
        if (kind == null) {
            assertThat(m).isNull();
            return;
        }
        assertThat(m).isNotNull();
        assertThat(m.kind()).isEqualTo(kind);
        switch (kind) {
            case DURATION -> assertThat(m.durationMs()).isCloseTo(Double.parseDouble(field), org.assertj.core.data.Offset.offset(1e-9));
            case CIRCUIT_OPEN -> assertThat(m.name()).isEqualTo(field);
            case CONNECTION_REFUSED -> assertThat(m.host()).isEqualTo(field);
            case ORDER_STATUS -> assertThat(field).isIn(m.id(), m.status());
            case CONSUME -> assertThat(m.id()).isEqualTo(field);
            case ACCESS -> {
                assertThat(m.httpStatus()).isEqualTo(Integer.parseInt(field));
                assertThat(m.isError()).isEqualTo(m.httpStatus() >= 500);
            }
            default -> assertThat(m.isError()).isEqualTo(kind.error());
        }
    }

    @ParameterizedTest
    @MethodSource("badCatalogues")
    void aBadCatalogueIsRefusedNamingThePlace(String yaml, String message) {
        assertThatThrownBy(() -> PatternCatalogue.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    static Stream<Arguments> badCatalogues() {
        return Stream.of(
                Arguments.of("patterns: []", "at least one pattern"),
                Arguments.of("patterns:\n  - {id: x, kind: NOPE, contains: a}", "NOPE"),
                Arguments.of("patterns:\n  - {id: x, kind: PUBLISH, regex: '(unclosed'}", "patterns[0]: regex"),
                Arguments.of("patterns:\n  - {id: x, kind: PUBLISH}", "patterns[0]: contains or regex is required"));
    }
}
