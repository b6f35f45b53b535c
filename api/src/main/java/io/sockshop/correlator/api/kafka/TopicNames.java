package io.sockshop.correlator.api.kafka;

import io.sockshop.correlator.model.kafka.Topics;

import java.util.List;

/** The topics the API reads, under an optional prefix ({@code replay.}, a per-test prefix). */
public record TopicNames(String incidents, String findings, String scores, String serviceHealth, String logs) {

    public static TopicNames withPrefix(String prefix) {
        return new TopicNames(Topics.INCIDENTS.withPrefix(prefix).name(), Topics.FINDINGS.withPrefix(prefix).name(),
                Topics.SCORES.withPrefix(prefix).name(), Topics.SERVICE_HEALTH.withPrefix(prefix).name(),
                Topics.DATADOG_LOGS.withPrefix(prefix).name());
    }

    public List<String> all() {
        return List.of(incidents, findings, scores, serviceHealth, logs);
    }
}
