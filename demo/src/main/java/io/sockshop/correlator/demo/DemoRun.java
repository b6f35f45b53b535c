package io.sockshop.correlator.demo;

import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.ScoreRecord;
import io.sockshop.correlator.model.finding.ScoreStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The guide's incidents on a started pipeline, one after another, as a user would run them: each
 * through the injector's API, its findings followed on the findings topic, and the scorecard once
 * every run's score is final. Used by the demo command and by its end-to-end test.
 */
final class DemoRun {

    /**
     * Baselines need some normal traffic before anything can be "many times its baseline" (3 slots of 5 s
     * before the 10 s recent window, see DemoTimings); the collector reads the sandbox's history from its
     * start, so most of this passes while the services start.
     */
    static final Duration WARM_UP = Duration.ofSeconds(30);

    /** A run's score is final a scoring grace after it ended; on a loaded machine the services may lag behind. */
    static final Duration FINAL_SCORES_TIMEOUT = Duration.ofSeconds(120);

    /**
     * @param runs     the injection run of each scenario, in the order they ran
     * @param scores   the latest score of each run (final unless the wait timed out), by run id
     * @param findings every finding on the topic, in the order they arrived
     */
    record Result(Map<DemoScenario, String> runs, Map<String, ScoreRecord> scores, List<Finding> findings) {

        /** One row per run, in the order they ran; runs without a score are left out (and fail {@link #passed()}). */
        List<ScoreRecord> scorecard() {
            return runs.values().stream().map(scores::get).filter(Objects::nonNull)
                    .sorted(Comparator.comparing(ScoreRecord::injectionStartedAt)).toList();
        }

        boolean passed() {
            return scorecard().stream().allMatch(s -> s.status() == ScoreStatus.FINAL)
                    && Scorecard.passed(scorecard(), runs.size());
        }
    }

    private DemoRun() {
    }

    static Result run(Pipeline pipeline, List<DemoScenario> scenarios, Console console) {
        Duration left = Duration.between(Instant.now(), pipeline.sandboxStartedAt().plus(WARM_UP));
        if (!left.isNegative()) {
            console.progress("letting the shop run normally for " + left.toSeconds()
                    + " s more, so that the correlator has learned what normal looks like");
            InjectorClient.pause(left);
        }
        try (FindingsWatcher watcher = new FindingsWatcher(pipeline.bootstrapServers(), "", console::finding).start()) {
            InjectorClient injector = new InjectorClient(pipeline.url("injector"));
            Map<DemoScenario, String> runs = new LinkedHashMap<>();
            for (DemoScenario scenario : scenarios) {
                console.progress(scenario.id() + ": " + scenario.title());
                String runId = injector.start(scenario.id(), Pipeline.NAMESPACE, scenario.parameters());
                runs.put(scenario, runId);
                String state = injector.awaitEnd(runId, Duration.ofMinutes(5));
                console.progress(scenario.id() + ": run " + runId + " " + state + " (cluster restored)");
            }
            console.progress("waiting for the final scores");
            Map<String, ScoreRecord> scores = awaitFinalScores(watcher, runs.values(), FINAL_SCORES_TIMEOUT);
            return new Result(runs, scores, watcher.findings());
        }
    }

    private static Map<String, ScoreRecord> awaitFinalScores(FindingsWatcher watcher, java.util.Collection<String> runs,
                                                             Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Map<String, ScoreRecord> scores = watcher.scores();
            if (runs.stream().allMatch(r -> scores.containsKey(r) && scores.get(r).status() == ScoreStatus.FINAL)) {
                return scores;
            }
            InjectorClient.pause(Duration.ofSeconds(1));
        }
        return watcher.scores();
    }
}
