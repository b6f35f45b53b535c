package io.sockshop.correlator.injector.run;

/**
 * A run a previous process left unfinished, as restored at start-up.
 *
 * @param restored false when the restore failed; the pending restore then stays for the next start
 */
public record RecoveredRun(String runId, boolean restored, RunView view) implements HistoryEntry {
}
