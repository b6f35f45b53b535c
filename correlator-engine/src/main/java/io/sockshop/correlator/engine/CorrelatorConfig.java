package io.sockshop.correlator.engine;

import io.sockshop.correlator.engine.app.AppTopology;
import io.sockshop.correlator.engine.app.AppTopologyLoader;
import io.sockshop.correlator.engine.detect.DetectionSettings;
import io.sockshop.correlator.engine.logs.PatternCatalogue;

import java.time.Duration;

/**
 * Everything the topology needs, in plain Java so that the Quarkus service, the replay tool, the
 * tests and the benchmarks build the very same topology.
 *
 * @param topicPrefix        prefix of every topic ({@code replay.} for replays), empty for live
 * @param topology           the application topology (services, edges, how sources name them)
 * @param patterns           the log pattern catalogue
 * @param detection          detector thresholds
 * @param quietPeriod        an incident resolves after its signature has not held this long (event time)
 * @param updateInterval     UPDATED findings for changing gauges at most this often (key numbers at once)
 * @param evaluationInterval detectors run at least this often per application in event time, and at once on a decisive change
 * @param healthInterval     a service's health is republished at most this often unless its status changes
 * @param scoringGrace       a run's score becomes FINAL this long after the run ended (event time)
 * @param inMemoryStores     in-memory state stores (replay, tests, benchmarks) instead of RocksDB
 */
public record CorrelatorConfig(String topicPrefix, AppTopology topology, PatternCatalogue patterns,
                               DetectionSettings detection, Duration quietPeriod, Duration updateInterval,
                               Duration evaluationInterval, Duration healthInterval, Duration scoringGrace,
                               boolean inMemoryStores) {

    public CorrelatorConfig {
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        if (topology == null) {
            throw new IllegalArgumentException("topology is required");
        }
        if (patterns == null) {
            throw new IllegalArgumentException("patterns is required");
        }
        if (detection == null) {
            throw new IllegalArgumentException("detection is required");
        }
        positive(quietPeriod, "quietPeriod");
        positive(updateInterval, "updateInterval");
        positive(evaluationInterval, "evaluationInterval");
        positive(healthInterval, "healthInterval");
        positive(scoringGrace, "scoringGrace");
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }

    /** Sock Shop topology, default patterns and thresholds, live topics, RocksDB stores. */
    public static CorrelatorConfig defaults() {
        return new CorrelatorConfig("", AppTopologyLoader.sockShop(), PatternCatalogue.defaults(),
                DetectionSettings.defaults(), Duration.ofMinutes(3), Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMinutes(5), false);
    }

    public CorrelatorConfig withTopology(AppTopology t) {
        return new CorrelatorConfig(topicPrefix, t, patterns, detection, quietPeriod, updateInterval, evaluationInterval,
                healthInterval, scoringGrace, inMemoryStores);
    }

    public CorrelatorConfig withTopicPrefix(String prefix) {
        return new CorrelatorConfig(prefix, topology, patterns, detection, quietPeriod, updateInterval, evaluationInterval,
                healthInterval, scoringGrace, inMemoryStores);
    }

    public CorrelatorConfig withInMemoryStores(boolean inMemory) {
        return new CorrelatorConfig(topicPrefix, topology, patterns, detection, quietPeriod, updateInterval,
                evaluationInterval, healthInterval, scoringGrace, inMemory);
    }
}
