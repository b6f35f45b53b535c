package io.sockshop.correlator.api.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops start-up on a setting that would leave the API useless or unbounded (no stream client
 * allowed, a page size of 0, a zero heartbeat), naming every bad setting at once so an operator
 * fixes them in one go instead of one restart per mistake.
 */
@ApplicationScoped
public class ApiSettingsCheck {

    @Inject
    ApiConfig config;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration: " + String.join("; ", problems));
        }
    }

    public static List<String> problems(ApiConfig c) {
        List<String> problems = new ArrayList<>();
        atLeast(problems, "correlator.api.paging.default-page-size", c.paging().defaultPageSize(), 1);
        atLeast(problems, "correlator.api.paging.max-page-size", c.paging().maxPageSize(),
                Math.max(1, c.paging().defaultPageSize()));
        atLeast(problems, "correlator.api.sse.max-lag", c.sse().maxLag(), 1);
        atLeast(problems, "correlator.api.sse.max-clients", c.sse().maxClients(), 1);
        atLeast(problems, "correlator.api.sse.write-queue-bytes", c.sse().writeQueueBytes(), 1024);
        positive(problems, "correlator.api.sse.heartbeat", c.sse().heartbeat());
        positive(problems, "correlator.api.sse.stall-timeout", c.sse().stallTimeout());
        atLeast(problems, "correlator.api.store.findings", c.store().findings(), 1);
        atLeast(problems, "correlator.api.store.incidents", c.store().incidents(), 1);
        atLeast(problems, "correlator.api.store.scores", c.store().scores(), 1);
        atLeast(problems, "correlator.api.store.services", c.store().services(), 1);
        atLeast(problems, "correlator.api.order-trace.max-lines", c.orderTrace().maxLines(), 1);
        atLeast(problems, "correlator.api.order-trace.max-lines-per-order", c.orderTrace().maxLinesPerOrder(), 1);
        atLeast(problems, "correlator.api.order-trace.max-traces", c.orderTrace().maxTraces(), 1);
        atLeast(problems, "correlator.api.order-trace.max-message-chars", c.orderTrace().maxMessageChars(), 80);
        positive(problems, "correlator.api.order-trace.lookback", c.orderTrace().lookback());
        double rate = c.rateLimit().requestsPerSecond();
        if (!(rate > 0) || Double.isInfinite(rate)) {
            problems.add("correlator.api.rate-limit.requests-per-second must be a positive number, was " + rate);
        }
        atLeast(problems, "correlator.api.rate-limit.burst", c.rateLimit().burst(), 1);
        atLeast(problems, "correlator.api.rate-limit.tracked-clients", c.rateLimit().trackedClients(), 1);
        return problems;
    }

    private static void atLeast(List<String> problems, String setting, int value, int minimum) {
        if (value < minimum) {
            problems.add(setting + " must be at least " + minimum + ", was " + value);
        }
    }

    private static void positive(List<String> problems, String setting, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add(setting + " must be a positive duration, was " + value);
        }
    }
}
