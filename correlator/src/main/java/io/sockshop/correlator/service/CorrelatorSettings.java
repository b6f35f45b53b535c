package io.sockshop.correlator.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The service's {@code correlator.*} settings (docs/correlator.md). */
@ConfigMapping(prefix = "correlator")
public interface CorrelatorSettings {

    /** Prefix of every topic, e.g. {@code replay.}; empty for live data. */
    Optional<String> topicPrefix();

    /** Application topology file (YAML); the shipped Sock Shop topology when absent. */
    Optional<String> topologyFile();

    /** Log pattern catalogue (YAML); the shipped default when absent. */
    Optional<String> patternsFile();

    @WithDefault("3M")
    Duration quietPeriod();

    @WithDefault("60S")
    Duration updateInterval();

    @WithDefault("5S")
    Duration evaluationInterval();

    @WithDefault("30S")
    Duration healthInterval();

    @WithDefault("5M")
    Duration scoringGrace();

    /** Partitions of the topics the service creates when they are missing (raw topics must all have the same count). */
    @WithDefault("3")
    int partitions();

    /** Create missing topics at start-up. */
    @WithDefault("true")
    boolean createTopics();

    /**
     * Off-heap memory of all RocksDB state stores of the process together (block cache and memtables),
     * in bytes or with a K, M or G suffix; at least 8M. Passed to Kafka Streams as
     * {@code sockshop.rocksdb.memory} for {@code BoundedRocksDbMemory} (application.properties).
     */
    @WithDefault(io.sockshop.correlator.engine.BoundedRocksDbMemory.DEFAULT)
    String rocksdbMemory();

    Detection detection();

    /** Detector thresholds; defaults as in {@code DetectionSettings.defaults()}. */
    interface Detection {
        @WithDefault("10M")
        Duration restartWindow();

        @WithDefault("2")
        int exhaustionMinRestarts();

        @WithDefault("3")
        int entrypointMinRestarts();

        @WithDefault("2.0")
        double backendLatencyRatio();

        @WithDefault("5.0")
        double latencyRatio();

        @WithDefault("1000")
        double latencyMinMs();

        @WithDefault("0.8")
        double highCpuRatio();

        @WithDefault("0.9")
        double limitRatio();

        @WithDefault("3.0")
        double cascadeLatencyRatio();

        @WithDefault("5M")
        Duration saturationSustain();

        @WithDefault("1")
        int minPublished();

        @WithDefault("30S")
        Duration dependencyErrorLookback();

        @WithDefault("2M")
        Duration activeWindow();

        /** Latency baselines: one mean per slot of this length. */
        @WithDefault("1M")
        Duration baselineSlot();

        /** Earlier slots with samples before a latency baseline is given. */
        @WithDefault("3")
        int baselineWarmupSlots();

        /** The recent latency level is the mean over this window (whole slots). */
        @WithDefault("2M")
        Duration baselineRecent();

        /** Learned CPU and memory baselines: one mean per pod and slot of this length (docs/signatures.md, Learned baselines). */
        @WithDefault("1M")
        Duration anomalySlot();

        /** Slots of short-term history; 24 spans of this length form the long-term tier. */
        @WithDefault("60")
        int anomalyHistorySlots();

        /** Slots with samples before a CPU or memory baseline is given. */
        @WithDefault("15")
        int anomalyWarmupSlots();

        /** resource-anomaly: usage must stay above the bars this long. */
        @WithDefault("5M")
        Duration anomalySustain();

        /** A stretch above the bars survives holes in the data up to this long. */
        @WithDefault("3M")
        Duration anomalyMaxGap();

        @WithDefault("2.0")
        double anomalyCpuRatio();

        @WithDefault("1.5")
        double anomalyMemoryRatio();

        @WithDefault("100")
        double anomalyCpuMinMillicores();

        @WithDefault("64")
        double anomalyMemoryMinMib();

        @WithDefault("4.0")
        double anomalyNoiseSigmas();

        /** The entrypoint and at least this share of the judged services at the CPU ratio together is a load surge, not a fault. */
        @WithDefault("0.5")
        double anomalySurgeShare();

        /** latency-degradation: a slow service far above its learned CPU baseline is CPU-bound, limit or no limit. */
        @WithDefault("true")
        boolean anomalyCpuBoundByBaseline();

        /** resource-saturation only when usage at the limit is not the service's normal. */
        @WithDefault("false")
        boolean anomalySaturationNeedsDeviation();
    }
}
