package io.sockshop.correlator.sandbox.logs;

import io.sockshop.correlator.sandbox.SimRandom;
import io.sockshop.correlator.sandbox.behaviour.ServiceProfile;
import io.sockshop.correlator.sandbox.behaviour.ShopState;
import io.sockshop.correlator.sandbox.k8s.PodRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Checkouts: orders (the status-lifecycle build the guide requires: CREATED, PENDING, then PAID or
 * PAYMENT_FAILED) calls payment, then shipping, which publishes to the shipping-task queue that
 * queue-master consumes. With payment gone, orders log the connection refused toward
 * {@code http://payment/paymentAuth} and end PAYMENT_FAILED; with queue-master gone, shipping keeps
 * publishing and the queue grows. Declined payments (amount over 105) are ordinary noise.
 */
public final class OrderFlow {

    /** Share of front-end requests that are checkouts. */
    static final double CHECKOUT_SHARE = 0.04;
    static final int MAX_ORDERS_LOGGED_PER_TICK = 3;
    static final int CONSUMED_PER_TICK = 5;
    static final double ORDERS_TIMEOUT_MS = 5000;
    private static final String[] CUSTOMERS = {"68f35c679c10d300018b7000", "57a98d98e4b00679b4a830af",
            "57a98d98e4b00679b4a830b2", "68f35ed59c10d300018b7011"};

    private final PodLogger logger;
    private final SimRandom random;
    private final Deque<String> queue = new ArrayDeque<>();
    private long published;
    private int orderCounter = 0xb50700;
    private int thread = 1;
    private double carry;

    public OrderFlow(PodLogger logger, SimRandom random) {
        this.logger = logger;
        this.random = random;
    }

    public void step(ShopState state) {
        PodRecord frontEnd = state.readyPod("front-end");
        if (frontEnd != null) {
            carry += state.users() * ServiceProfile.RPS_PER_USER * CHECKOUT_SHARE * state.dt();
            int orders = (int) Math.min(carry, MAX_ORDERS_LOGGED_PER_TICK);
            carry -= Math.floor(carry);
            for (int i = 0; i < orders; i++) {
                checkout(state, frontEnd, state.now().minusMillis(200L * (orders - i)));
            }
        } else {
            carry = 0;
        }
        consume(state);
    }

    /** Messages waiting in shipping-task. */
    public int queueDepth() {
        return queue.size();
    }

    public long published() {
        return published;
    }

    public boolean consumerConnected(ShopState state) {
        return state.runningPod("queue-master") != null;
    }

    private void checkout(ShopState state, PodRecord frontEnd, Instant at) {
        PodRecord orders = state.readyPod("orders");
        if (orders == null) {
            stdout(state, frontEnd, at, LogFormats.morgan("POST", "/orders", 500, random.around(20, 0.5)));
            return;
        }
        String orderId = Long.toHexString(at.getEpochSecond()) + "c1f4320001" + String.format(Locale.ROOT, "%06x", orderCounter++);
        String customer = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
        String trace = random.hex(16);
        String thread = "p-nio-80-exec-" + (this.thread++ % 10 + 1);
        info(state, orders, at, trace, thread, "w.w.s.o.controllers.OrdersController", "Order " + orderId + " status updated to CREATED");
        info(state, orders, at.plusMillis(8), trace, thread, "w.w.s.o.controllers.OrdersController", "Order " + orderId + " status updated to PENDING");
        double amount = random.chance(0.05) ? 120 + random.nextInt(80) : 15 + random.nextInt(80);
        info(state, orders, at.plusMillis(10), trace, thread, "w.w.s.o.controllers.OrdersController",
                "Sending payment request: PaymentRequest{address=Address{id=null, number='781', street='Banjara hills', city='Hyderabad', "
                        + "country='India', postcode='500008'}, card=Card{id=null, longNum='123456789', expires='12/25', ccv='125'}, "
                        + "customer=Customer{id=null, firstName='Shah', lastName='Mohammed', username='Rayaan', addresses=[], cards=[]}}");
        Instant end = at.plusMillis(30);
        if (state.load("orders").latencyMs() > ORDERS_TIMEOUT_MS) {
            failed(state, orders, frontEnd, end, trace, thread, orderId, "timeout from one of the services",
                    "java.util.concurrent.TimeoutException: null", "Unable to create order due to timeout from one of the services.");
            return;
        }
        PodRecord payment = state.readyPod("payment");
        if (payment == null) {
            failed(state, orders, frontEnd, end, trace, thread, orderId,
                    "I/O error on POST request for \"http://payment/paymentAuth\": Connection refused (Connection refused)",
                    "java.net.ConnectException: Connection refused (Connection refused)",
                    "Unable to create order due to unspecified IO error.");
            return;
        }
        boolean authorised = amount <= 105;
        logger.log(payment, payment.mainContainer(), PodLogger.Stream.STDERR, end, LogFormats.goKit(end, "logging.go:25",
                "method=Authorise result=" + authorised + " took=" + LogFormats.goDuration(Duration.ofNanos(600 + random.nextInt(900)))),
                state.now());
        String message = authorised ? "Payment authorised" : "Payment declined: amount exceeds 105.00";
        info(state, orders, end.plusMillis(5), trace, thread, "w.w.s.o.controllers.OrdersController",
                "Received payment response: PaymentResponse{authorised=" + authorised + ", message=" + message + "}");
        if (!authorised) {
            log(state, orders, end.plusMillis(6), "WARN", trace, thread, "w.w.s.o.controllers.OrdersController",
                    "Order " + orderId + " status updated to PAYMENT_FAILED due to: " + message);
            stdout(state, frontEnd, end.plusMillis(8), LogFormats.morgan("POST", "/orders", 406, random.around(400, 0.3)));
            return;
        }
        info(state, orders, end.plusMillis(6), trace, thread, "w.w.s.o.controllers.OrdersController", "Order " + orderId + " status updated to PAID");
        PodRecord shipping = state.readyPod("shipping");
        if (shipping != null) {
            logger.log(shipping, shipping.mainContainer(), PodLogger.Stream.STDOUT, end.plusMillis(12), "Adding shipment to queue...",
                    state.now());
            queue.addLast(customer);
            published++;
        }
        stdout(state, frontEnd, end.plusMillis(15), LogFormats.morgan("POST", "/orders", 201, random.around(450, 0.3)));
    }

    private void failed(ShopState state, PodRecord orders, PodRecord frontEnd, Instant at, String trace, String thread,
                        String orderId, String cause, String rootCause, String error) {
        log(state, orders, at, "WARN", trace, thread, "w.w.s.o.controllers.OrdersController",
                "Order " + orderId + " status updated to PAYMENT_FAILED due to: " + cause);
        log(state, orders, at.plusMillis(2), "ERROR", null, null, thread, "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
                "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; "
                        + "nested exception is java.lang.IllegalStateException: " + error + "] with root cause");
        logger.log(orders, orders.mainContainer(), PodLogger.Stream.STDOUT, at.plusMillis(3), rootCause, state.now());
        stdout(state, frontEnd, at.plusMillis(5), "Order response: {\"timestamp\":" + at.toEpochMilli()
                + ",\"status\":500,\"error\":\"Internal Server Error\",\"exception\":\"java.lang.IllegalStateException\",\"message\":\""
                + error + "\",\"path\":\"/orders\"}");
        stdout(state, frontEnd, at.plusMillis(6), LogFormats.morgan("POST", "/orders", 500, -1));
    }

    private void consume(ShopState state) {
        PodRecord consumer = state.readyPod("queue-master");
        if (consumer == null) {
            return;
        }
        for (int i = 0; i < CONSUMED_PER_TICK && !queue.isEmpty(); i++) {
            logger.log(consumer, consumer.mainContainer(), PodLogger.Stream.STDOUT, state.now(),
                    "Received shipment task: " + queue.pollFirst(), state.now());
        }
    }

    private void info(ShopState state, PodRecord pod, Instant at, String trace, String thread, String loggerName, String message) {
        log(state, pod, at, "INFO", trace, thread, loggerName, message);
    }

    private void log(ShopState state, PodRecord pod, Instant at, String level, String trace, String thread, String loggerName,
                     String message) {
        log(state, pod, at, level, trace, trace == null ? null : random.hex(16), thread, loggerName, message);
    }

    private void log(ShopState state, PodRecord pod, Instant at, String level, String trace, String span, String thread,
                     String loggerName, String message) {
        Instant when = at.isAfter(state.now()) ? state.now() : at;
        logger.log(pod, pod.mainContainer(), PodLogger.Stream.STDOUT, when,
                LogFormats.spring(when, level, "orders", trace, span, thread, loggerName, message), state.now());
    }

    private void stdout(ShopState state, PodRecord pod, Instant at, String line) {
        Instant when = at.isAfter(state.now()) ? state.now() : at;
        logger.log(pod, pod.mainContainer(), PodLogger.Stream.STDOUT, when, line, state.now());
    }
}
