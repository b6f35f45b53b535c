package io.sockshop.correlator.injector.run;

/** A run as the history shows it: a live run of this process, or one recovered at start-up. */
interface HistoryEntry {
    String runId();

    RunView view();
}
