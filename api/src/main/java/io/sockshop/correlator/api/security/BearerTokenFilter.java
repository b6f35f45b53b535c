package io.sockshop.correlator.api.security;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.sockshop.correlator.api.config.ApiConfig;
import io.sockshop.correlator.api.web.Problem;
import io.sockshop.correlator.api.web.VertxProblems;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Requires the bearer token on every route of the HTTP server (REST, stream, MCP, OpenAPI, Swagger
 * UI, metrics) except health, which orchestrators probe without credentials.
 */
@Startup
@ApplicationScoped
public class BearerTokenFilter {

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class);
    /** Ahead of every route, including the MCP endpoint's. */
    private static final int PRIORITY = 10_000;

    @Inject
    ApiConfig config;

    @Inject
    VertxProblems problems;

    private BearerToken token;

    @PostConstruct
    void resolve() {
        token = BearerToken.resolve(config.token(), config.tokenFile(), ConfigUtils.getProfiles().contains("demo"));
        if (!token.required()) {
            LOG.warn("demo profile without " + BearerToken.TOKEN_SETTING + ": the API answers anyone");
        }
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    /** The request carries the token (always true in the demo profile without one). */
    public boolean authenticated(RoutingContext rc) {
        return token.accepts(rc.request().getHeader("Authorization"));
    }

    private void filter(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path.equals("/q/health") || path.startsWith("/q/health/") || authenticated(rc)) {
            rc.next();
            return;
        }
        rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"sockshop-correlator\"");
        String detail = rc.request().getHeader("Authorization") == null
                ? "send Authorization: Bearer <token>" : "the bearer token is not valid";
        problems.write(rc, Problem.of(401, "unauthorized", "Unauthorized", detail, path));
    }
}
