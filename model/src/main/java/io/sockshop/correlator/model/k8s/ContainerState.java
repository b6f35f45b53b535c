package io.sockshop.correlator.model.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

import java.time.Instant;

/**
 * Kubernetes {@code ContainerState}: at most one of the three is set. An OOM kill shows here, in
 * {@code lastState.terminated} with reason {@code OOMKilled} and exit code 137: no Event says so.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerState(Waiting waiting, Running running, Terminated terminated) {

    public ContainerState {
        int set = (waiting != null ? 1 : 0) + (running != null ? 1 : 0) + (terminated != null ? 1 : 0);
        if (set > 1) {
            throw new IllegalArgumentException("at most one of waiting, running, terminated may be set");
        }
    }

    /** E.g. {@code CrashLoopBackOff}, {@code ContainerCreating}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Waiting(String reason, String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Running(Instant startedAt) {
    }

    /** E.g. reason {@code OOMKilled}, exit code 137; {@code Error}, {@code Completed}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Terminated(String reason, Integer exitCode, Integer signal, String message, Instant startedAt,
                             Instant finishedAt) {
        public Terminated {
            Require.nonNull(exitCode, "exitCode");
            Require.nonNegative(exitCode, "exitCode");
        }
    }
}
