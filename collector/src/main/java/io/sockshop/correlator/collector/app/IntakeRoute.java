package io.sockshop.correlator.collector.app;

import io.sockshop.correlator.collector.intake.LogIntake;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * {@code POST /api/v2/logs}, the Datadog log intake, as a plain Vert.x route: the collector keeps
 * Quarkus's JAX-RS stack out so that only the Datadog client's Jersey implements JAX-RS here.
 * Parsing runs on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class IntakeRoute {

    static final String PATH = "/api/v2/logs";

    @Inject
    CollectorService service;

    @Inject
    CollectorConfig config;

    void register(@Observes Router router) {
        if (!config.intake().enabled()) {
            return;
        }
        // Compressed bodies are bounded here, uncompressed ones again after decoding.
        long limit = config.intake().maxBody().asLongValue();
        router.post(PATH).handler(BodyHandler.create().setBodyLimit(limit).setHandleFileUploads(false));
        router.post(PATH).blockingHandler(this::handle, false);
    }

    private void handle(RoutingContext ctx) {
        LogIntake intake = service.intake();
        String token = ctx.request().getHeader("DD-API-KEY");
        String authorization = ctx.request().getHeader("Authorization");
        if ((token == null || token.isBlank()) && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7);
        }
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        LogIntake.Answer answer = intake.accept(token, ctx.request().getHeader("Content-Encoding"), body);
        var response = ctx.response().setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType());
        if (answer.retryAfterSeconds() != null) {
            response.putHeader("Retry-After", String.valueOf(answer.retryAfterSeconds()));
        }
        response.end(answer.body());
    }
}
