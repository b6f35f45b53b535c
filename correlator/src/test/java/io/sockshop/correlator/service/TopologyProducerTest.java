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

    record Settings(Optional<String> topologyFile, Optional<String> patternsFile, Duration quietPeriod, double latencyRatio)
            implements CorrelatorSettings {

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
}
