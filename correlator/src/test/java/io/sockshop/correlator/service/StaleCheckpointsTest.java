package io.sockshop.correlator.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkpoints Kafka Streams 4.1 leaves while tasks run (KAFKA-20685, apache/kafka#22548) are removed
 * before an exactly-once correlator starts, so its stores are rebuilt from the changelogs instead of
 * trusting local RocksDB data a crash may have left uncommitted. The reliability suite's hard-kill test
 * checks that a SIGKILL leaves such checkpoints and that the restarted correlator removes them.
 */
class StaleCheckpointsTest {

    private static StaleCheckpoints cleaner(Path stateDir, String guarantee) {
        StaleCheckpoints s = new StaleCheckpoints();
        s.stateDir = Optional.of(stateDir.toString());
        s.applicationId = "sockshop-correlator";
        s.processingGuarantee = guarantee;
        return s;
    }

    private static Path task(Path stateDir, String app, String task) throws Exception {
        Path dir = Files.createDirectories(stateDir.resolve(app).resolve(task).resolve("rocksdb").resolve("service-state"));
        Files.writeString(dir.resolve("000042.sst"), "local data");
        Path checkpoint = stateDir.resolve(app).resolve(task).resolve(StaleCheckpoints.CHECKPOINT);
        Files.writeString(checkpoint, "0\n1\nsockshop-correlator-service-state-changelog 0 -4\n");
        return checkpoint;
    }

    @Test
    void exactlyOnceRemovesEveryTaskCheckpointOfItsApplicationAndKeepsTheStores(@TempDir Path stateDir) throws Exception {
        Path first = task(stateDir, "sockshop-correlator", "0_0");
        Path second = task(stateDir, "sockshop-correlator", "0_2");
        Path otherApplication = task(stateDir, "replay-correlator", "0_0");
        Files.writeString(stateDir.resolve("sockshop-correlator").resolve("kafka-streams-process-metadata"), "{}");

        cleaner(stateDir, "exactly_once_v2").removeBeforeKafkaStreamsStarts();

        assertThat(first).doesNotExist();
        assertThat(second).doesNotExist();
        assertThat(otherApplication).as("another application id's state is not ours").exists();
        assertThat(stateDir.resolve("sockshop-correlator/0_0/rocksdb/service-state/000042.sst"))
                .as("Kafka Streams itself wipes the stores it cannot trust").exists();
        assertThat(stateDir.resolve("sockshop-correlator/kafka-streams-process-metadata")).exists();
    }

    @Test
    void atLeastOnceKeepsTheCheckpoints(@TempDir Path stateDir) throws Exception {
        Path checkpoint = task(stateDir, "sockshop-correlator", "0_1");

        cleaner(stateDir, "at_least_once").removeBeforeKafkaStreamsStarts();

        assertThat(checkpoint).exists();
    }

    @Test
    void aStateDirectoryThatDoesNotExistYetIsFine(@TempDir Path stateDir) {
        assertThat(StaleCheckpoints.remove(stateDir.resolve("nothing-here"))).isZero();
    }
}
