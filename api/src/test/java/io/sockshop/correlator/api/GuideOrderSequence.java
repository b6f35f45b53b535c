package io.sockshop.correlator.api;

import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventIds;
import io.sockshop.correlator.model.datadog.DatadogLog;

import java.time.Instant;
import java.util.List;

/**
 * The orders-service log lines of incident 3 around the guide's question ("a customer was charged
 * but got no confirmation for order 6900953ac1f4320001b50703"), as Datadog would return them.
 * Origin: the line layout (Spring Boot 1.4 + Sleuth {@code [app,traceId,spanId,exportable]}, thread
 * column, logger) and the payment request, {@code Requesting:} and dispatcherServlet failure lines are
 * verbatim shapes from the real orders log (shared/reference/sockshop/logs/orders.log, FORMATS.md
 * 2.1, the connection-refused failure marked DERIVED there); the status lines are those of the
 * status-lifecycle orders build the incident guide requires ({@code Order <id> status updated to
 * <STATUS>}, {@code Order created with ID: ...}), with ids and times of the guide's example.
 * Interleaved: an earlier order that is PAID (with shipping's queue line), and a second failing
 * order on another request thread, which must not leak into the first order's trace.
 */
public final class GuideOrderSequence {

    public static final String OTHER_FAILED = "6900954bc1f4320001b50704";
    public static final String PAID = "6900952fc1f4320001b50702";
    static final String POD = "orders-7d9c8b6f5-x2x9k";
    static final String CUSTOMER = "68f35c679c10d300018b7000";

    private GuideOrderSequence() {
    }

    public static List<CloudEvent<DatadogLog>> lines(String application) {
        return List.of(
                orders(application, "01", "2025-11-05T11:19:58.101Z", "INFO", "0c3d5e7f9a1b2c3d", "exec-3",
                        "w.w.s.o.controllers.OrdersController     ", "Order created with ID: " + PAID + ", status: CREATED"),
                orders(application, "02", "2025-11-05T11:19:58.109Z", "INFO", "0c3d5e7f9a1b2c3d", "exec-3",
                        "w.w.s.o.controllers.OrdersController     ", "Order " + PAID + " status updated to PENDING"),
                orders(application, "03", "2025-11-05T11:19:58.120Z", "INFO", "0c3d5e7f9a1b2c3d", "exec-3",
                        "w.w.s.o.controllers.OrdersController     ", "Received payment response: PaymentResponse{authorised=true, message=Payment authorised}"),
                orders(application, "04", "2025-11-05T11:19:58.131Z", "INFO", "0c3d5e7f9a1b2c3d", "exec-3",
                        "w.w.s.o.controllers.OrdersController     ", "Order " + PAID + " status updated to PAID"),
                Fixtures.log(application, logId(application, "05"), Instant.parse("2025-11-05T11:19:58.140Z"), "shipping",
                        "shipping-5b8f7c6d4-qq7wm", "info", "Adding shipment to queue..."),
                orders(application, "06", "2025-11-05T11:20:29.402Z", "INFO", "6b1f0c9a2d4e8f31", "exec-7",
                        "w.w.s.o.controllers.OrdersController     ", "Order created with ID: " + Fixtures.ORDER_ID + ", status: CREATED"),
                orders(application, "07", "2025-11-05T11:20:29.405Z", "INFO", "6b1f0c9a2d4e8f31", "exec-7",
                        "w.w.s.orders.services.AsyncGetService    ", "Requesting: <GET http://user/cards/" + CUSTOMER + ",{Accept=[application/hal+json]}>"),
                orders(application, "08", "2025-11-05T11:20:29.412Z", "INFO", "6b1f0c9a2d4e8f31", "exec-7",
                        "w.w.s.o.controllers.OrdersController     ", "Order " + Fixtures.ORDER_ID + " status updated to PENDING"),
                orders(application, "09", "2025-11-05T11:20:29.415Z", "INFO", "6b1f0c9a2d4e8f31", "exec-7",
                        "w.w.s.o.controllers.OrdersController     ", "Sending payment request: PaymentRequest{address=Address{id=null, number='781', street='Banjara hills', city='Hyderabad', country='India', postcode='500008'}, card=Card{id=null, longNum='123456789', expires='12/25', ccv='125'}, customer=Customer{id=null, firstName='Shah', lastName='Mohammed', username='Rayaan', addresses=[], cards=[]}}"),
                orders(application, "10", "2025-11-05T11:20:30.020Z", "INFO", "9a8b7c6d5e4f3a2b", "exec-9",
                        "w.w.s.o.controllers.OrdersController     ", "Order " + OTHER_FAILED + " status updated to PENDING"),
                orders(application, "11", "2025-11-05T11:20:31.418Z", "ERROR", "6b1f0c9a2d4e8f31", "exec-7",
                        "w.w.s.o.controllers.OrdersController     ", "Payment failed: Connection refused (Connection refused)"),
                orders(application, "12", "2025-11-05T11:20:31.518Z", "WARN", "6b1f0c9a2d4e8f31", "exec-7",
                        "w.w.s.o.controllers.OrdersController     ", "Order " + Fixtures.ORDER_ID + " status updated to PAYMENT_FAILED due to: Connection refused"),
                orders(application, "13", "2025-11-05T11:20:31.530Z", "ERROR", "", "exec-7",
                        "o.a.c.c.C.[.[.[/].[dispatcherServlet]    ", "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; nested exception is java.lang.IllegalStateException: Unable to create order due to unspecified IO error.] with root cause\n\njava.net.ConnectException: Connection refused (Connection refused)"),
                orders(application, "14", "2025-11-05T11:20:32.030Z", "ERROR", "", "exec-9",
                        "o.a.c.c.C.[.[.[/].[dispatcherServlet]    ", "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; nested exception is java.lang.IllegalStateException: Unable to create order due to unspecified IO error.] with root cause\n\njava.net.ConnectException: Connection refused (Connection refused)"),
                orders(application, "15", "2025-11-05T11:20:32.041Z", "WARN", "9a8b7c6d5e4f3a2b", "exec-9",
                        "w.w.s.o.controllers.OrdersController     ", "Order " + OTHER_FAILED + " status updated to PAYMENT_FAILED due to: Connection refused"));
    }

    /** Datadog-like log ids, distinct per application so that tests sharing a broker never collide. */
    public static String logId(String application, String n) {
        return "AQAAAZpVb" + EventIds.sha256Prefix(application) + n;
    }

    private static CloudEvent<DatadogLog> orders(String application, String n, String time, String level,
                                                 String traceId, String thread, String logger, String message) {
        Instant at = Instant.parse(time);
        String stamp = time.substring(0, 10) + " " + time.substring(11, 23);
        String span = traceId.isEmpty() ? "" : traceId;
        String sleuth = traceId.isEmpty() ? "[orders,,,]" : "[orders," + traceId + "," + span + ",false]";
        String line = stamp + " " + (level.length() == 4 ? " " + level : level) + " " + sleuth + " 1 --- [p-nio-80-" + thread
                + "] " + logger + ": " + message;
        return Fixtures.log(application, logId(application, n), at, "orders", POD,
                level.equals("INFO") ? "info" : "error", line);
    }
}
