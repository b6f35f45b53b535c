package io.sockshop.correlator.service;

import io.quarkus.arc.Unremovable;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Removes the task checkpoint files of this application's state directory before Kafka Streams opens
 * it, when it runs exactly-once.
 *
 * <p>Why: under exactly-once, Kafka Streams 4.1 (the version the Quarkus BOM pins) has its state updater
 * write a task's checkpoint when the task finishes restoring, and nothing removes it while the task
 * runs: KAFKA-20685, fixed on Kafka's 4.2 branch by apache/kafka pull request 22548 ("Delete checkpoint
 * file when EOS task completes restoration"); 4.3 is not affected because its stores keep their own
 * offsets. After a crash the next start trusts that checkpoint and keeps the local RocksDB files instead
 * of wiping them. RocksDB runs without a write-ahead log and is not flushed at an exactly-once commit,
 * so a memtable flushed by RocksDB itself can carry writes of the transaction the crash aborted; the
 * changelog replay from the checkpoint overwrites the keys committed since, but not a key that only the
 * aborted transaction wrote (an incident first opened there: the restarted correlator would "remember"
 * it and never emit its OPEN finding). Without a checkpoint, Kafka Streams wipes the stores of an
 * exactly-once task and restores them from the changelogs, which hold committed state only. The
 * reliability suite's CorrelatorHardKillTest sees the checkpoints a SIGKILL leaves, but does not lose a
 * finding without this class (run on 2026-11-29 with this class disabled: both variants passed), most
 * likely because its data is too small for RocksDB to flush a memtable between an uncommitted write and
 * the kill. The cost is a full restore of the
 * (compacted, per-application) changelogs at every start, clean or not; with Kafka 4.2 this class can go.
 */
@Singleton
@Unremovable
public class StaleCheckpoints {

    private static final Logger LOG = Logger.getLogger(StaleCheckpoints.class);
    static final String CHECKPOINT = ".checkpoint";

    @ConfigProperty(name = "kafka-streams.state.dir")
    Optional<String> stateDir;

    @ConfigProperty(name = "quarkus.kafka-streams.application-id")
    String applicationId;

    @ConfigProperty(name = "kafka-streams.processing.guarantee", defaultValue = "at_least_once")
    String processingGuarantee;

    @PostConstruct
    void removeBeforeKafkaStreamsStarts() {
        if (!processingGuarantee.startsWith("exactly_once")) {
            return;
        }
        Path root = Path.of(stateDir.orElse(Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString()));
        int removed = remove(root.resolve(applicationId));
        if (removed > 0) {
            LOG.infof("removed %d task checkpoint(s) under %s: exactly-once state is restored from the changelogs",
                    removed, root.resolve(applicationId));
        }
    }

    /** Deletes {@code <applicationDir>/<task>/.checkpoint} of every task; returns how many there were. */
    static int remove(Path applicationDir) {
        if (!Files.isDirectory(applicationDir)) {
            return 0;
        }
        try (Stream<Path> tasks = Files.list(applicationDir)) {
            List<Path> checkpoints = tasks.filter(Files::isDirectory).map(task -> task.resolve(CHECKPOINT))
                    .filter(Files::exists).toList();
            for (Path checkpoint : checkpoints) {
                Files.delete(checkpoint);
            }
            return checkpoints.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the task checkpoints under " + applicationDir
                    + " (kafka-streams.state.dir): " + e.getMessage(), e);
        }
    }
}
