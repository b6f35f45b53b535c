package io.sockshop.correlator.sandbox.logs;

import io.sockshop.correlator.sandbox.SimRandom;
import io.sockshop.correlator.sandbox.behaviour.CircuitBreaker;
import io.sockshop.correlator.sandbox.behaviour.ShopState;
import io.sockshop.correlator.sandbox.k8s.PodRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * catalogue's request handling and its log lines: each route behind its own circuit breaker, the
 * database call failing with "database connection error" when catalogue-db is gone or slower than
 * the query timeout, and only server.go:94 lines while a breaker is open (the logging middleware is
 * bypassed then).
 */
public final class CatalogueRoutes {

    /** The outcome of one catalogue call, as the front-end sees it. */
    public enum Outcome { OK, DB_ERROR, BREAKER_OPEN, UNAVAILABLE }

    static final double QUERY_TIMEOUT_MS = 3000;
    private static final String[] SOCKS = {"510a0d7e-8e83-4193-b483-e27e09ddc34d", "03fef6ac-1896-4ce8-bd69-b798f85c6e0b",
            "3395a43e-2d88-40de-b95f-e00e1502085b", "808a2de1-1aaa-4c25-a9b9-6612e8f29a38"};

    private final Map<String, CircuitBreaker> breakers = new HashMap<>();
    private final PodLogger logger;
    private final SimRandom random;

    public CatalogueRoutes(PodLogger logger, SimRandom random) {
        this.logger = logger;
        this.random = random;
        for (String route : new String[]{"List", "Get", "Count", "Tags"}) {
            breakers.put(route, new CircuitBreaker(route));
        }
    }

    /** Serves one call of a route at {@code at}, writing catalogue's log lines. */
    public Outcome call(ShopState state, String route, Instant at) {
        PodRecord pod = state.readyPod("catalogue");
        if (pod == null) {
            return Outcome.UNAVAILABLE;
        }
        CircuitBreaker breaker = breakers.get(route);
        if (!breaker.allow(at)) {
            log(state, pod, at, LogFormats.goKit(at, "server.go:94", "err=\"" + breaker.openError() + "\""));
            return Outcome.BREAKER_OPEN;
        }
        double dbLatency = state.available("catalogue-db") ? state.load("catalogue-db").latencyMs() : Double.MAX_VALUE;
        double took = state.load("catalogue").latencyMs();
        if (dbLatency > QUERY_TIMEOUT_MS) {
            breaker.failure(at);
            Duration waited = Duration.ofMillis((long) Math.min(dbLatency, QUERY_TIMEOUT_MS) + random.nextInt(40));
            log(state, pod, at, LogFormats.goKit(at, callerOf(route), fields(route, 0)
                    + " err=\"database connection error\" took=" + LogFormats.goDuration(waited)));
            log(state, pod, at.plusNanos(300_000), LogFormats.goKit(at.plusNanos(300_000), "server.go:94",
                    "err=\"database connection error\""));
            return Outcome.DB_ERROR;
        }
        breaker.success();
        Duration duration = Duration.ofNanos((long) (random.around(took, 0.3) * 1_000_000));
        int result = route.equals("Get") ? 1 : route.equals("Count") ? 10 : 5;
        log(state, pod, at, LogFormats.goKit(at, callerOf(route), fields(route, result) + " err=null took="
                + LogFormats.goDuration(duration)));
        return Outcome.OK;
    }

    public CircuitBreaker.State breakerState(String route) {
        return breakers.get(route).state();
    }

    private String fields(String route, int result) {
        return switch (route) {
            case "Get" -> {
                String sock = SOCKS[random.nextInt(SOCKS.length)];
                yield "method=Get id=" + sock + " sock=" + sock;
            }
            case "Count" -> "method=Count tags= result=" + result;
            case "Tags" -> "method=Tags result=" + result;
            default -> "method=List tags= order=id pageNum=1 pageSize=" + (3 + random.nextInt(4)) + " result=" + result;
        };
    }

    private static String callerOf(String route) {
        return switch (route) {
            case "Get" -> "logging.go:56";
            case "Count" -> "logging.go:43";
            case "Tags" -> "logging.go:69";
            default -> "logging.go:27";
        };
    }

    private void log(ShopState state, PodRecord pod, Instant at, String line) {
        logger.log(pod, pod.mainContainer(), PodLogger.Stream.STDERR, at, line, state.now());
    }
}
