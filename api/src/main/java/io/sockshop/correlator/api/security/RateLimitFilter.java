package io.sockshop.correlator.api.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.sockshop.correlator.api.config.ApiConfig;
import io.sockshop.correlator.api.config.ApiSettingsCheck;
import io.sockshop.correlator.api.stream.FindingsStreamRoute;
import io.sockshop.correlator.api.web.Problem;
import io.sockshop.correlator.api.web.VertxProblems;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Locale;

/**
 * The per-client request rate limit ({@code correlator.api.rate-limit.*}), ahead of the token check so
 * that a flood of unauthenticated requests is throttled too. The API has a single bearer token shared by
 * every client, so the token cannot tell clients apart: a client is its address (the forwarded one when
 * {@code quarkus.http.proxy.*} trusts a proxy), with requests that carry the token and requests that do
 * not counted in separate buckets, so that anyone without the token sharing an address (a NAT, a node)
 * cannot use up the budget of a client that has it. Health (probes) and the findings stream (a long-lived
 * request under its own limit of concurrent streams) are not counted.
 */
@ApplicationScoped
public class RateLimitFilter {

    /** Ahead of the bearer token filter (10,000). */
    private static final int PRIORITY = 11_000;

    @Inject
    ApiConfig config;
    @Inject
    BearerTokenFilter tokens;
    @Inject
    VertxProblems problems;
    @Inject
    MeterRegistry registry;

    private RequestRateLimiter limiter;
    private Counter refused;

    void register(@Observes Filters filters) {
        ApiConfig.RateLimit settings = config.rateLimit();
        // Invalid settings are reported by ApiSettingsCheck, which stops start-up naming them.
        if (!settings.enabled() || !ApiSettingsCheck.problems(config).isEmpty()) {
            return;
        }
        limiter = new RequestRateLimiter(settings.requestsPerSecond(), settings.burst(), settings.trackedClients(),
                System::nanoTime);
        refused = Counter.builder("correlator.api.requests.rate.limited")
                .description("requests refused with 429 by the per-client rate limit").register(registry);
        Gauge.builder("correlator.api.rate.limit.clients", limiter, RequestRateLimiter::clients)
                .description("clients the rate limit currently remembers").register(registry);
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext rc) {
        if (exempt(rc)) {
            rc.next();
            return;
        }
        String client = (tokens.authenticated(rc) ? "token " : "anonymous ") + address(rc);
        RequestRateLimiter.Decision decision = limiter.acquire(client);
        if (decision.allowed()) {
            rc.next();
            return;
        }
        refused.increment();
        ApiConfig.RateLimit settings = config.rateLimit();
        rc.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        problems.write(rc, Problem.of(429, "too-many-requests", "Too many requests",
                String.format(Locale.ROOT, "more than %s requests per second (bursts of %d) from this client; retry after %d s",
                        rate(settings.requestsPerSecond()), settings.burst(), decision.retryAfterSeconds()),
                rc.normalizedPath()));
    }

    private static boolean exempt(RoutingContext rc) {
        String path = rc.normalizedPath();
        return path.equals("/q/health") || path.startsWith("/q/health/")
                || path.equals(FindingsStreamRoute.PATH) && rc.request().method() == HttpMethod.GET;
    }

    private static String address(RoutingContext rc) {
        SocketAddress remote = rc.request().remoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.hostAddress() != null ? remote.hostAddress() : remote.toString();
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }
}
