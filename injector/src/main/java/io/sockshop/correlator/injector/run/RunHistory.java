package io.sockshop.correlator.injector.run;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The runs this process knows, bounded: the oldest ended runs are forgotten first, active ones never. */
final class RunHistory {

    private final int size;
    private final Map<String, HistoryEntry> entries = new LinkedHashMap<>();

    RunHistory(int size) {
        this.size = size;
    }

    synchronized void add(HistoryEntry entry) {
        entries.put(entry.runId(), entry);
        Iterator<HistoryEntry> oldest = entries.values().iterator();
        while (entries.size() > size && oldest.hasNext()) {
            if (oldest.next().view().state().ended()) {
                oldest.remove();
            }
        }
    }

    synchronized Optional<RunView> get(String runId) {
        return Optional.ofNullable(entries.get(runId)).map(HistoryEntry::view);
    }

    /** A live run of this process (not a recovered one). */
    synchronized Optional<Run> run(String runId) {
        return entries.get(runId) instanceof Run run ? Optional.of(run) : Optional.empty();
    }

    synchronized List<Run> runs() {
        return entries.values().stream().filter(Run.class::isInstance).map(Run.class::cast).toList();
    }

    /** Newest first. */
    synchronized List<RunView> all() {
        List<RunView> views = new ArrayList<>(entries.values().stream().map(HistoryEntry::view).toList());
        java.util.Collections.reverse(views);
        return views;
    }
}
