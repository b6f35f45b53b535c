package io.sockshop.correlator.api.trace;

import io.sockshop.correlator.api.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines from the real orders log (shared/reference/sockshop/logs/orders.log, FORMATS.md 2.1) and the
 * status-lifecycle build's status lines: what kind each is, and which order ids it names.
 */
class OrderLogParserTest {

    private final OrderLogParser parser = new OrderLogParser(1024);

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            // REAL orders.log
            "2025-10-18 09:23:45.260  INFO [orders,a36be67a4ef5e635,d77bfb4d906439b0,false] 1 --- [nio-8080-exec-1] w.w.s.o.controllers.OrdersController     : Sending payment request: PaymentRequest{address=Address{id=null, number='781'}, card=Card{id=null}, customer=Customer{id=null}}|PAYMENT_REQUEST|a36be67a4ef5e635|nio-8080-exec-1|",
            "2025-10-18 09:23:45.593  INFO [orders,a36be67a4ef5e635,d77bfb4d906439b0,false] 1 --- [nio-8080-exec-1] w.w.s.o.controllers.OrdersController     : Received payment response: PaymentResponse{authorised=false, message=Payment declined: amount exceeds 105.00}|PAYMENT_RESPONSE|a36be67a4ef5e635|nio-8080-exec-1|",
            "2025-10-18 09:24:03.805 ERROR [orders,,,] 1 --- [nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; nested exception is java.lang.IllegalStateException: Unable to create order due to timeout from one of the services.] with root cause|ERROR||nio-8080-exec-3|",
            "2025-10-18 09:23:43.897  INFO [orders,a36be67a4ef5e635,ecd162b6cbc8ed2c,false] 1 --- [cTaskExecutor-3] w.w.s.orders.services.AsyncGetService    : Requesting: <GET http://user/cards/68f35c679c10d300018b7000,{Accept=[application/hal+json]}>|OTHER|a36be67a4ef5e635|cTaskExecutor-3|",
            // status-lifecycle build (incident guide)
            "2025-11-05 11:20:31.518  WARN [orders,6b1f0c9a2d4e8f31,6b1f0c9a2d4e8f31,false] 1 --- [p-nio-80-exec-7] w.w.s.o.controllers.OrdersController     : Order 6900953ac1f4320001b50703 status updated to PAYMENT_FAILED due to: Connection refused|STATUS|6b1f0c9a2d4e8f31|p-nio-80-exec-7|6900953ac1f4320001b50703",
            "2025-11-05 11:20:29.402  INFO [orders,6b1f0c9a2d4e8f31,6b1f0c9a2d4e8f31,false] 1 --- [p-nio-80-exec-7] w.w.s.o.controllers.OrdersController     : Order created with ID: 6900953ac1f4320001b50703, status: CREATED|STATUS|6b1f0c9a2d4e8f31|p-nio-80-exec-7|6900953ac1f4320001b50703",
            // shipping and queue-master (no Sleuth in queue-master); the shipment name is a customer id
            "Adding shipment to queue...|SHIPMENT|||",
            "Received shipment task: 57a98d98e4b00679b4a830af|SHIPMENT|||"})
    void classifiesLinesAndFindsOrderIds(String message, LineKind kind, String traceId, String thread, String orderId) {
        LogLine line = parser.parse("kind-sockshop/sock-shop", Fixtures.log("kind-sockshop/sock-shop", "AQAAAZpVtest",
                Instant.parse("2025-11-05T11:20:31.518Z"), "orders", "orders-7d9c8b6f5-x2x9k", "info", message));
        assertThat(line.kind()).isEqualTo(kind);
        assertThat(line.traceId()).isEqualTo(traceId);
        assertThat(line.thread()).isEqualTo(thread);
        assertThat(OrderLogParser.orderIds(message)).isEqualTo(orderId == null ? Set.of() : Set.of(orderId));
    }
}
