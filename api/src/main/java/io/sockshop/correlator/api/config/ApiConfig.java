package io.sockshop.correlator.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Every setting of the API, under {@code correlator.api}. Bounds are documented in docs/api.md. */
@ConfigMapping(prefix = "correlator.api")
public interface ApiConfig {

    /** The bearer token clients must send (env {@code CORRELATOR_API_TOKEN}). */
    Optional<String> token();

    /** A file holding the token, e.g. a mounted Kubernetes secret (env {@code CORRELATOR_API_TOKEN_FILE}). */
    Optional<Path> tokenFile();

    /** Prefix of every topic read, e.g. {@code replay.}; empty for the live topics. */
    Optional<String> topicPrefix();

    Paging paging();

    Sse sse();

    Store store();

    OrderTrace orderTrace();

    RateLimit rateLimit();

    interface Paging {
        @WithDefault("50")
        int defaultPageSize();

        @WithDefault("200")
        int maxPageSize();
    }

    interface Sse {
        /** How many findings a client may fall behind before it is dropped. */
        @WithDefault("1000")
        int maxLag();

        /** Concurrent stream clients per replica; more get 429. */
        @WithDefault("2000")
        int maxClients();

        /** Bytes queued toward one client's socket before writing to it pauses. */
        @WithDefault("65536")
        int writeQueueBytes();

        @WithDefault("15s")
        Duration heartbeat();

        /** A client whose socket stays full this long is dropped, even if no new finding arrives. */
        @WithDefault("60s")
        Duration stallTimeout();
    }

    interface Store {
        /** Findings kept for the stream and for resuming it. */
        @WithDefault("10000")
        int findings();

        @WithDefault("10000")
        int incidents();

        @WithDefault("10000")
        int scores();

        @WithDefault("10000")
        int services();
    }

    interface OrderTrace {
        /** Log lines kept over all orders; the order touched longest ago goes first. */
        @WithDefault("100000")
        int maxLines();

        @WithDefault("64")
        int maxLinesPerOrder();

        /** Request traces and threads remembered for linking lines that do not name the order. */
        @WithDefault("20000")
        int maxTraces();

        @WithDefault("1024")
        int maxMessageChars();

        /** How far back the logs topic is read at start-up. */
        @WithDefault("24h")
        Duration lookback();
    }

    /**
     * Requests per client (its address; see docs/api.md) to every endpoint but health and the findings
     * stream, which has its own limit of concurrent clients.
     */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second per client (a fraction is allowed, e.g. 0.5). */
        @WithDefault("100")
        double requestsPerSecond();

        /** Requests a client may make at once before the sustained rate applies. */
        @WithDefault("1000")
        int burst();

        /** Clients remembered at most; the one seen longest ago is forgotten first. */
        @WithDefault("10000")
        int trackedClients();
    }
}
