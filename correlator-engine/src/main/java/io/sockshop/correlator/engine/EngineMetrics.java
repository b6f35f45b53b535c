package io.sockshop.correlator.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the engine, in plain Java so that the topology carries no Quarkus or Micrometer type;
 * the service binds them to Micrometer gauges. Thread-safe: several stream threads share one instance.
 */
public final class EngineMetrics {

    private final Map<String, LongAdder> processed = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deadLetters = new ConcurrentHashMap<>();
    private final LongAdder unmatched = new LongAdder();
    private final Map<String, LongAdder> findings = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> openIncidents = new ConcurrentHashMap<>();

    /** A record of a type was processed ({@code k8s}, {@code log}, {@code metric}, {@code injection}). */
    public void processed(String type) {
        LongAdder counter = processed.get(type); // get first: computeIfAbsent locks a bin on every call
        if (counter == null) {
            counter = processed.computeIfAbsent(type, k -> new LongAdder());
        }
        counter.increment();
    }

    /** A record from this topic went to the dead-letter topic. */
    public void deadLetter(String topic) {
        deadLetters.computeIfAbsent(topic, k -> new LongAdder()).increment();
    }

    /** A valid record named no service of the application topology. */
    public void unmatched() {
        unmatched.increment();
    }

    public void finding(String status) {
        findings.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    /** Open incidents of one application now. */
    public void openIncidents(String application, int count) {
        if (count == 0) {
            openIncidents.remove(application); // applications come and go: keep only those with open incidents
            return;
        }
        openIncidents.computeIfAbsent(application, k -> new AtomicLong()).set(count);
    }

    public Map<String, Long> processedByType() {
        return snapshot(processed);
    }

    public Map<String, Long> deadLettersByTopic() {
        return snapshot(deadLetters);
    }

    public Map<String, Long> findingsByStatus() {
        return snapshot(findings);
    }

    public long unmatchedCount() {
        return unmatched.sum();
    }

    public long deadLetterCount() {
        return deadLetters.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long openIncidentCount() {
        return openIncidents.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> out = new java.util.TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
