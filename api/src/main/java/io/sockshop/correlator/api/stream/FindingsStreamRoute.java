package io.sockshop.correlator.api.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sockshop.correlator.api.config.ApiConfig;
import io.sockshop.correlator.api.query.IncidentFilter;
import io.sockshop.correlator.api.web.InvalidParameterException;
import io.sockshop.correlator.api.web.Params;
import io.sockshop.correlator.api.web.Problem;
import io.sockshop.correlator.api.web.VertxProblems;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/v1/findings/stream}: findings as Server-Sent Events, filtered like the incident
 * list, resumable with {@code Last-Event-ID}. Event ids are positions in the findings topic
 * ({@link StreamPosition}). A Vert.x route rather than JAX-RS, to see the socket's write queue.
 */
@ApplicationScoped
public class FindingsStreamRoute {

    public static final String PATH = "/api/v1/findings/stream";
    private static final Logger LOG = Logger.getLogger(FindingsStreamRoute.class);

    @Inject
    FindingsRing ring;
    @Inject
    ApiConfig config;
    @Inject
    VertxProblems problems;
    @Inject
    MeterRegistry registry;
    @Inject
    Vertx vertx;

    private final AtomicInteger clients = new AtomicInteger();
    private Counter.Builder dropped;

    void init(@Observes Router router) {
        Gauge.builder("correlator.api.sse.clients", clients, AtomicInteger::get)
                .description("connected findings stream clients").register(registry);
        dropped = Counter.builder("correlator.api.sse.dropped").description("stream clients dropped, by reason");
        router.get(PATH).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        MultiMap q = rc.queryParams();
        IncidentFilter filter;
        Optional<StreamPosition> resume;
        try {
            filter = Params.filter(q.get("status"), q.get("application"), q.get("namespace"), q.get("signature"),
                    q.get("service"), q.get("from"), q.get("to"));
            resume = resumePosition(rc);
        } catch (InvalidParameterException e) {
            problems.write(rc, Problem.badRequest(PATH, e.params()));
            return;
        }
        if (resume.isPresent() && !ring.covers(resume.get())) {
            problems.write(rc, Problem.of(410, "position-gone", "Resume position gone",
                    "findings after this Last-Event-ID are no longer held (the last " + ring.capacity()
                            + " are); read GET /api/v1/incidents for the current state, then reconnect without"
                            + " Last-Event-ID, or read the findings topic from these offsets", PATH));
            return;
        }
        if (clients.incrementAndGet() > config.sse().maxClients()) {
            clients.decrementAndGet();
            rc.response().putHeader("Retry-After", "30");
            problems.write(rc, Problem.of(429, "too-many-streams", "Too many stream clients",
                    "this replica serves at most " + config.sse().maxClients() + " streams", PATH));
            return;
        }
        open(rc, filter, resume);
    }

    private Optional<StreamPosition> resumePosition(RoutingContext rc) {
        String header = rc.request().getHeader("Last-Event-ID");
        String param = rc.queryParams().get("lastEventId");
        String id = header != null ? header : param;
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StreamPosition.parse(id));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("Last-Event-ID", e.getMessage());
        }
    }

    private void open(RoutingContext rc, IncidentFilter filter, Optional<StreamPosition> resume) {
        HttpServerResponse response = rc.response();
        response.setChunked(true).setStatusCode(200)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no")
                .setWriteQueueMaxSize(config.sse().writeQueueBytes());
        Context context = vertx.getOrCreateContext();
        AtomicBoolean released = new AtomicBoolean();
        StreamClient client = new StreamClient(ring, new ResponseSink(rc), filter, resume, config.sse().maxLag(),
                config.sse().stallTimeout().toMillis(), Clock.systemUTC(), reason -> {
                    dropped.tag("reason", reason).register(registry).increment();
                    LOG.debugf("dropped a findings stream client: %s", reason);
                });
        AtomicBoolean scheduled = new AtomicBoolean();
        Runnable onAppend = () -> {
            if (scheduled.compareAndSet(false, true)) {
                context.runOnContext(v -> {
                    scheduled.set(false);
                    client.drain();
                });
            }
        };
        long timer = vertx.setPeriodic(config.sse().heartbeat().toMillis(), id -> context.runOnContext(v -> client.heartbeat()));
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                ring.removeListener(onAppend);
                vertx.cancelTimer(timer);
                clients.decrementAndGet();
                client.closedByPeer();
            }
        };
        response.closeHandler(v -> release.run());
        response.endHandler(v -> release.run());
        response.write("retry: 3000\n: connected at " + client.position().encode() + "\n\n");
        ring.onAppend(onAppend);
        client.drain();
    }

    /** The HTTP response as an {@link EventSink}. */
    private record ResponseSink(RoutingContext rc) implements EventSink {
        @Override
        public boolean full() {
            return rc.response().writeQueueFull();
        }

        @Override
        public void write(String text) {
            if (!rc.response().ended() && !rc.response().closed()) {
                rc.response().write(text);
            }
        }

        @Override
        public void close() {
            if (!rc.response().ended() && !rc.response().closed()) {
                rc.response().end();
            }
            rc.request().connection().close();
        }

        @Override
        public void onDrain(Runnable action) {
            rc.response().drainHandler(v -> action.run());
        }
    }
}
