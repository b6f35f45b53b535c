package io.sockshop.correlator.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad configuration stops start-up with a message that names the setting and the place in the file. */
class TopologyProducerTest {

    record Settings(Optional<String> topologyFile, Optional<String> patternsFile, Duration quietPeriod, double latencyRatio,
                    Duration baselineSlot, Duration baselineRecent, Duration anomalySustain, double anomalyCpuRatio,
                    String rocksdbMemory)
            implements CorrelatorSettings {

        Settings(Optional<String> topologyFile, Optional<String> patternsFile, Duration quietPeriod, double latencyRatio,
                 Duration baselineSlot, Duration baselineRecent, Duration anomalySustain, double anomalyCpuRatio) {
            this(topologyFile, patternsFile, quietPeriod, latencyRatio, baselineSlot, baselineRecent, anomalySustain,
                    anomalyCpuRatio, "64M");
        }

        Settings(Optional<String> topologyFile, Optional<String> patternsFile, Duration quietPeriod, double latencyRatio) {
            this(topologyFile, patternsFile, quietPeriod, latencyRatio, Duration.ofMinutes(1), Duration.ofMinutes(2));
        }

        Settings(Optional<String> topologyFile, Optional<String> patternsFile, Duration quietPeriod, double latencyRatio,
                 Duration baselineSlot, Duration baselineRecent) {
            this(topologyFile, patternsFile, quietPeriod, latencyRatio, baselineSlot, baselineRecent, Duration.ofMinutes(5), 2.0);
        }

        public Optional<String> topicPrefix() {
            return Optional.of("replay.");
        }

        public Duration updateInterval() {
            return Duration.ofSeconds(60);
        }

        public Duration evaluationInterval() {
            return Duration.ofSeconds(5);
        }

        public Duration healthInterval() {
            return Duration.ofSeconds(30);
        }

        public Duration scoringGrace() {
            return Duration.ofMinutes(5);
        }

        public int partitions() {
            return 3;
        }

        public boolean createTopics() {
            return true;
        }

        public Detection detection() {
            double ratio = latencyRatio;
            Duration slot = baselineSlot;
            Duration recent = baselineRecent;
            Duration sustain = anomalySustain;
            double cpuRatio = anomalyCpuRatio;
            return new Detection() {
                public Duration restartWindow() { return Duration.ofMinutes(10); }
                public int exhaustionMinRestarts() { return 2; }
                public int entrypointMinRestarts() { return 3; }
                public double backendLatencyRatio() { return 2; }
                public double latencyRatio() { return ratio; }
                public double latencyMinMs() { return 1000; }
                public double highCpuRatio() { return 0.8; }
                public double limitRatio() { return 0.9; }
                public double cascadeLatencyRatio() { return 3; }
                public Duration saturationSustain() { return Duration.ofMinutes(5); }
                public int minPublished() { return 1; }
                public Duration dependencyErrorLookback() { return Duration.ofSeconds(30); }
                public Duration activeWindow() { return Duration.ofMinutes(2); }
                public Duration baselineSlot() { return slot; }
                public int baselineWarmupSlots() { return 3; }
                public Duration baselineRecent() { return recent; }
                public Duration anomalySlot() { return Duration.ofMinutes(1); }
                public int anomalyHistorySlots() { return 60; }
                public int anomalyWarmupSlots() { return 15; }
                public Duration anomalySustain() { return sustain; }
                public Duration anomalyMaxGap() { return Duration.ofMinutes(3); }
                public double anomalyCpuRatio() { return cpuRatio; }
                public double anomalyMemoryRatio() { return 1.5; }
                public double anomalyCpuMinMillicores() { return 100; }
                public double anomalyMemoryMinMib() { return 64; }
                public double anomalyNoiseSigmas() { return 4; }
                public double anomalySurgeShare() { return 0.5; }
                public boolean anomalyCpuBoundByBaseline() { return true; }
                public boolean anomalySaturationNeedsDeviation() { return false; }
            };
        }
    }

    static Settings valid() {
        return new Settings(Optional.empty(), Optional.empty(), Duration.ofMinutes(3), 5);
    }

    @Test
    void defaultsBuildTheSockShopTopology() {
        var config = new TopologyProducer().config(valid());
        assertThat(config.topology().entrypoint()).isEqualTo("front-end");
        assertThat(config.topicPrefix()).isEqualTo("replay.");
        assertThat(new TopologyProducer().topology(config, new io.sockshop.correlator.engine.EngineMetrics(),
                new StaleCheckpoints()).describe()
                .toString()).contains("replay.sockshop.k8s.v1").contains("replay.sockshop.findings.v1");
    }

    @Test
    void aTopologyFileWithAnUnknownServiceNamesTheSettingAndThePlace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, "entrypoint: web\nservices: [{name: web}]\ncalls: [{from: web, to: paymnt}]\n");
        assertThatThrownBy(() -> new TopologyProducer().config(new Settings(Optional.of(file.toString()), Optional.empty(),
                Duration.ofMinutes(3), 5)))
                .hasMessageContaining("correlator.topology-file").hasMessageContaining("calls[0].to: unknown service 'paymnt'");
    }

    @Test
    void aMissingPatternFileNamesTheSetting() {
        assertThatThrownBy(() -> new TopologyProducer().config(new Settings(Optional.empty(), Optional.of("/nonexistent.yaml"),
                Duration.ofMinutes(3), 5)))
                .hasMessageContaining("correlator.patterns-file").hasMessageContaining("/nonexistent.yaml");
    }

    @Test
    void aNonsensicalThresholdNamesTheSetting() {
        assertThatThrownBy(() -> new TopologyProducer().config(new Settings(Optional.empty(), Optional.empty(),
                Duration.ofMinutes(3), 0.5)))
                .hasMessageContaining("correlator.detection").hasMessageContaining("latency ratios must be greater than 1");
        assertThatThrownBy(() -> new TopologyProducer().config(new Settings(Optional.empty(), Optional.empty(),
                Duration.ZERO, 5)))
                .hasMessage("invalid configuration correlator.quiet-period: must be a positive duration, was PT0S");
    }

    @Test
    void compressedBaselineTimingsAreTakenAndImpossibleOnesNameTheSetting() {
        var config = new TopologyProducer().config(new Settings(Optional.empty(), Optional.empty(), Duration.ofMinutes(3), 5,
                Duration.ofSeconds(5), Duration.ofSeconds(10)));
        assertThat(config.detection().baseline().slotMillis()).isEqualTo(5000);
        assertThat(config.detection().baseline().recentSlots()).isEqualTo(2);
        assertThat(config.detection().baseline().warmupSlots()).isEqualTo(3);
        assertThatThrownBy(() -> new TopologyProducer().config(new Settings(Optional.empty(), Optional.empty(),
                Duration.ofMinutes(3), 5, Duration.ofSeconds(5), Duration.ofSeconds(2))))
                .hasMessageContaining("correlator.detection").hasMessageContaining("baseline-recent");
        assertThatThrownBy(() -> new TopologyProducer().config(new Settings(Optional.empty(), Optional.empty(),
                Duration.ofMinutes(3), 5, Duration.ofSeconds(1), Duration.ofMinutes(1))))
                .hasMessageContaining("correlator.detection").hasMessageContaining("fit in 30 slots");
    }

    @Test
    void anomalySettingsAreTakenAndABadOneNamesTheSetting() {
        var config = new TopologyProducer().config(new Settings(Optional.empty(), Optional.empty(), Duration.ofMinutes(3), 5,
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(8), 3.0));
        assertThat(config.detection().anomaly().sustain()).isEqualTo(Duration.ofMinutes(8));
        assertThat(config.detection().anomaly().cpuRatio()).isEqualTo(3.0);
        assertThatThrownBy(() -> new TopologyProducer().config(new Settings(Optional.empty(), Optional.empty(),
                Duration.ofMinutes(3), 5, Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), 0.8)))
                .hasMessage("invalid configuration correlator.detection.anomaly-cpu-ratio: must be greater than 1, was 0.8");
        assertThatThrownBy(() -> new TopologyProducer().config(new Settings(Optional.empty(), Optional.empty(),
                Duration.ofMinutes(3), 5, Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofSeconds(20), 2.0)))
                .hasMessageStartingWith("invalid configuration correlator.detection.anomaly-sustain: must be at least one anomaly-slot");
    }

    @Test
    void aBadRocksDbMemorySizeNamesTheSetting() {
        Settings ok = valid();
        for (String bad : new String[] {"lots", "-64M", "4M", "", "64X"}) {
            Settings s = new Settings(ok.topologyFile(), ok.patternsFile(), ok.quietPeriod(), ok.latencyRatio(),
                    ok.baselineSlot(), ok.baselineRecent(), ok.anomalySustain(), ok.anomalyCpuRatio(), bad);
            assertThatThrownBy(() -> new TopologyProducer().config(s)).as(bad)
                    .hasMessageStartingWith("invalid configuration correlator.rocksdb-memory: ");
        }
        Settings big = new Settings(ok.topologyFile(), ok.patternsFile(), ok.quietPeriod(), ok.latencyRatio(),
                ok.baselineSlot(), ok.baselineRecent(), ok.anomalySustain(), ok.anomalyCpuRatio(), "1G");
        assertThat(new TopologyProducer().config(big).topology().entrypoint()).isEqualTo("front-end");
    }
}
