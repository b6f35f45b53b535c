package io.sockshop.correlator.service;

import io.sockshop.correlator.engine.BoundedRocksDbMemory;
import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.CorrelatorTopology;
import io.sockshop.correlator.engine.EngineMetrics;
import io.sockshop.correlator.engine.app.AppTopology;
import io.sockshop.correlator.engine.app.AppTopologyLoader;
import io.sockshop.correlator.engine.detect.AnomalySettings;
import io.sockshop.correlator.engine.detect.DetectionSettings;
import io.sockshop.correlator.engine.logs.PatternCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;

import java.nio.file.Path;

/**
 * The one place the service builds its topology: settings to a plain {@link CorrelatorConfig}, then
 * {@link CorrelatorTopology#build}, the same call the tests, replay and benchmarks make. A bad setting
 * stops start-up with a message naming it.
 */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    @Singleton
    EngineMetrics metrics() {
        return new EngineMetrics();
    }

    @Produces
    @Singleton
    CorrelatorConfig config(CorrelatorSettings s) {
        AppTopology topology = setting("correlator.topology-file", () -> s.topologyFile()
                .map(f -> AppTopologyLoader.fromFile(Path.of(f))).orElseGet(AppTopologyLoader::sockShop));
        PatternCatalogue patterns = setting("correlator.patterns-file", () -> s.patternsFile()
                .map(f -> PatternCatalogue.fromFile(Path.of(f))).orElseGet(PatternCatalogue::defaults));
        var d = s.detection();
        AnomalySettings anomaly;
        try {
            anomaly = new AnomalySettings(d.anomalySlot(), d.anomalyHistorySlots(), d.anomalyWarmupSlots(),
                    d.anomalySustain(), d.anomalyMaxGap(), d.anomalyCpuRatio(), d.anomalyMemoryRatio(),
                    d.anomalyCpuMinMillicores(), d.anomalyMemoryMinMib(), d.anomalyNoiseSigmas(), d.anomalySurgeShare(), d.anomalyCpuBoundByBaseline(),
                    d.anomalySaturationNeedsDeviation());
        } catch (IllegalArgumentException e) {
            // AnomalySettings' messages begin with the setting's name: "anomaly-sustain must be ...".
            String m = e.getMessage();
            int space = m.indexOf(' ');
            throw new IllegalArgumentException("invalid configuration correlator.detection." + m.substring(0, space) + ":"
                    + m.substring(space), e);
        }
        DetectionSettings detection = setting("correlator.detection", () -> new DetectionSettings(d.restartWindow(),
                d.exhaustionMinRestarts(), d.entrypointMinRestarts(), d.backendLatencyRatio(), d.latencyRatio(),
                d.latencyMinMs(), d.highCpuRatio(), d.limitRatio(), d.cascadeLatencyRatio(), d.saturationSustain(),
                d.minPublished(), d.dependencyErrorLookback(), d.activeWindow(), d.baselineSlot(), d.baselineWarmupSlots(),
                d.baselineRecent(), anomaly));
        positive("correlator.quiet-period", s.quietPeriod());
        positive("correlator.update-interval", s.updateInterval());
        positive("correlator.evaluation-interval", s.evaluationInterval());
        positive("correlator.health-interval", s.healthInterval());
        positive("correlator.scoring-grace", s.scoringGrace());
        // Checked here so that a bad size stops start-up; Kafka Streams reads it only when it opens a store.
        BoundedRocksDbMemory.parse("correlator.rocksdb-memory", s.rocksdbMemory());
        if (s.partitions() < 1) {
            throw new IllegalArgumentException("invalid configuration correlator.partitions: must be at least 1, was "
                    + s.partitions());
        }
        return setting("correlator", () -> new CorrelatorConfig(s.topicPrefix().orElse("").strip(), topology, patterns, detection,
                s.quietPeriod(), s.updateInterval(), s.evaluationInterval(), s.healthInterval(), s.scoringGrace(), false));
    }

    /** Kafka Streams is built from this topology, so the stale checkpoints are gone before it opens its state. */
    @Produces
    @Singleton
    Topology topology(CorrelatorConfig config, EngineMetrics metrics, StaleCheckpoints removedFirst) {
        return CorrelatorTopology.build(config, metrics);
    }

    private static void positive(String name, java.time.Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("invalid configuration " + name + ": must be a positive duration, was " + value);
        }
    }

    private static <T> T setting(String name, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid configuration " + name + ": " + e.getMessage(), e);
        }
    }
}
