package io.sockshop.correlator.sandbox.logs;

import io.sockshop.correlator.sandbox.SimRandom;
import io.sockshop.correlator.sandbox.behaviour.ServiceProfile;
import io.sockshop.correlator.sandbox.behaviour.ShopState;
import io.sockshop.correlator.sandbox.k8s.PodRecord;

import java.time.Duration;
import java.time.Instant;

/**
 * Browsing traffic through the front-end and the log lines it leaves: morgan access lines (with
 * response times and 4xx/5xx when something behind fails), catalogue's handling, user logins with
 * their "not found" errors and 401s. Lines are sampled: at most a bounded number per tick, so that a
 * 3000-user load does not flood the sandbox, but every outcome keeps its share.
 */
public final class FrontEndTraffic {

    static final int MAX_REQUESTS_LOGGED_PER_TICK = 15;

    private final PodLogger logger;
    private final CatalogueRoutes catalogue;
    private final SimRandom random;
    private double carry;

    public FrontEndTraffic(PodLogger logger, CatalogueRoutes catalogue, SimRandom random) {
        this.logger = logger;
        this.catalogue = catalogue;
        this.random = random;
    }

    public void step(ShopState state) {
        PodRecord frontEnd = state.readyPod("front-end");
        if (frontEnd == null) {
            carry = 0;
            return;
        }
        carry += state.users() * ServiceProfile.RPS_PER_USER * state.dt();
        int requests = (int) Math.min(carry, MAX_REQUESTS_LOGGED_PER_TICK);
        carry -= Math.floor(carry);
        for (int i = 0; i < requests; i++) {
            Instant at = state.now().minusMillis((long) (random.nextDouble() * state.dt() * 1000));
            request(state, frontEnd, at);
        }
    }

    private void request(ShopState state, PodRecord frontEnd, Instant at) {
        double latency = state.load("front-end").latencyMs();
        double pick = random.nextDouble();
        if (pick < 0.45) {
            access(state, frontEnd, at, "GET", "/catalogue?size=" + (3 + random.nextInt(7)), catalogueStatus(state, "List", at), latency);
        } else if (pick < 0.6) {
            access(state, frontEnd, at, "GET", "/catalogue/size?tags=", catalogueStatus(state, "Count", at), latency);
        } else if (pick < 0.75) {
            access(state, frontEnd, at, "GET", "/catalogue/510a0d7e-8e83-4193-b483-e27e09ddc34d",
                    catalogueStatus(state, "Get", at), latency);
        } else if (pick < 0.9) {
            boolean post = random.chance(0.4);
            if (post) {
                stdout(state, frontEnd, at, "Attempting to add to cart: {\"id\":\"510a0d7e-8e83-4193-b483-e27e09ddc34d\"}");
            }
            access(state, frontEnd, at, post ? "POST" : "GET", "/cart", state.available("carts") ? (post ? 201 : 200) : 500, latency);
        } else {
            login(state, frontEnd, at, latency);
        }
    }

    private int catalogueStatus(ShopState state, String route, Instant at) {
        return catalogue.call(state, route, at.minusMillis(2)) == CatalogueRoutes.Outcome.OK ? 200 : 500;
    }

    private void login(ShopState state, PodRecord frontEnd, Instant at, double latency) {
        stdout(state, frontEnd, at, "Received login request");
        PodRecord user = state.readyPod("user");
        if (user == null) {
            stdout(state, frontEnd, at, "Error with log in: Error: connect ECONNREFUSED 10.96.181.20:80");
            access(state, frontEnd, at, "GET", "/login", 500, latency);
            return;
        }
        boolean failed = random.chance(0.25);
        double took = random.around(state.load("user").latencyMs(), 0.4);
        logger.log(user, user.mainContainer(), PodLogger.Stream.STDERR, at.minusMillis(1), LogFormats.goKit(at.minusMillis(1),
                "middlewares.go:31", "method=Login took=" + LogFormats.goDuration(Duration.ofNanos((long) (took * 1e6))))
                , state.now());
        if (failed) {
            logger.log(user, user.mainContainer(), PodLogger.Stream.STDERR, at, LogFormats.goKit(at, "server.go:110",
                    "err=\"not found\""), state.now());
            stdout(state, frontEnd, at, "Error with log in: true");
            access(state, frontEnd, at, "GET", "/login", 401, latency);
        } else {
            access(state, frontEnd, at, "GET", "/login", 200, latency);
        }
    }

    private void access(ShopState state, PodRecord frontEnd, Instant at, String method, String path, int status, double latency) {
        double millis = random.around(latency, 0.3);
        Instant done = at.plusMillis((long) Math.min(millis, 60_000));
        stdout(state, frontEnd, done.isAfter(state.now()) ? state.now() : done, LogFormats.morgan(method, path, status, millis));
    }

    private void stdout(ShopState state, PodRecord frontEnd, Instant at, String line) {
        logger.log(frontEnd, frontEnd.mainContainer(), PodLogger.Stream.STDOUT, at, line, state.now());
    }
}
