package io.sockshop.correlator.demo;

import io.sockshop.correlator.model.finding.ScoreRecord;
import io.sockshop.correlator.model.finding.ScoreStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The one-command demo: the whole pipeline on the embedded default, the guide's incidents one after
 * another, every finding as it arrives, and the scorecard at the end. Exit status 0 only when every
 * incident was detected with the right signature and root cause and nothing else fired.
 *
 * <pre>
 * demo [--scenario incident-3] [--keep-running] [--data-dir DIR]
 * </pre>
 */
public final class DemoMain {

    /** The order: latency first, on a calm baseline; the crash storms last, so that their after-effects touch nothing. */
    static final List<String> ORDER = List.of("incident-4", "incident-3", "incident-5", "incident-8", "incident-2", "incident-1");

    /**
     * Baselines need some normal traffic before anything can be "many times its baseline"; the
     * collector reads the sandbox's history from its start, so this runs while the services start.
     */
    static final Duration WARM_UP = Duration.ofSeconds(40);

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.err.println("usage: demo [--scenario ID] [--keep-running] [--data-dir DIR]   (IDs: " + ORDER + ")");
            System.exit(2);
            return;
        }
        System.exit(run(options));
    }

    static int run(Options options) throws Exception {
        Console console = new Console(System.out);
        Path home = Path.of(System.getProperty("sockshop.home", ".")).toAbsolutePath().normalize();
        Files.createDirectories(options.dataDirectory());
        console.progress("sockshop-correlator demo: " + options.scenarios().size() + " incident(s), data in " + options.dataDirectory());
        try (Pipeline pipeline = new Pipeline(home, options.dataDirectory(), console)) {
            pipeline.start();
            Duration left = Duration.between(Instant.now(), pipeline.sandboxStartedAt().plus(WARM_UP));
            if (!left.isNegative()) {
                console.progress("letting the shop run normally for " + left.toSeconds()
                        + " s more, so that the correlator has learned what normal looks like");
                InjectorClient.pause(left);
            }
            try (FindingsWatcher watcher = new FindingsWatcher(pipeline.bootstrapServers(), "", console::finding).start()) {
                InjectorClient injector = new InjectorClient(pipeline.url("injector"));
                List<String> runs = new ArrayList<>();
                for (DemoScenario scenario : options.scenarios()) {
                    console.progress(scenario.id() + ": " + scenario.title());
                    String runId = injector.start(scenario.id(), Pipeline.NAMESPACE, scenario.parameters());
                    runs.add(runId);
                    String state = injector.awaitEnd(runId, Duration.ofMinutes(5));
                    console.progress(scenario.id() + ": run " + runId + " " + state + " (cluster restored)");
                }
                console.progress("waiting for the final scores");
                Map<String, ScoreRecord> scores = awaitFinalScores(watcher, runs, Duration.ofSeconds(90));
                List<ScoreRecord> ordered = runs.stream().map(scores::get).filter(java.util.Objects::nonNull)
                        .sorted(Comparator.comparing(ScoreRecord::injectionStartedAt)).toList();
                console.print("\n" + Scorecard.table(ordered) + "\n");
                boolean passed = Scorecard.passed(ordered, runs.size());
                console.progress(passed ? "PASS: every incident detected with the right signature and root cause, nothing else fired"
                        : "FAIL: see the scorecard above and the service logs in " + options.dataDirectory().resolve("logs"));
                if (options.keepRunning()) {
                    console.progress("keeping the pipeline up: API at " + pipeline.url("api") + "/api/v1/incidents"
                            + " (Swagger UI " + pipeline.url("api") + "/q/swagger-ui); Ctrl-C to stop");
                    new CountDownLatch(1).await();
                }
                return passed ? 0 : 1;
            }
        }
    }

    private static Map<String, ScoreRecord> awaitFinalScores(FindingsWatcher watcher, List<String> runs, Duration timeout) {
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

    record Options(List<DemoScenario> scenarios, boolean keepRunning, Path dataDirectory) {

        static Options parse(String[] args) {
            List<DemoScenario> scenarios = ORDER.stream().map(DemoScenario::byId).toList();
            boolean keepRunning = false;
            Path data = Path.of("data", "demo-" + Instant.now().getEpochSecond());
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--keep-running" -> keepRunning = true;
                    case "--scenario" -> scenarios = List.of(DemoScenario.byId(value(args, ++i, "--scenario")));
                    case "--data-dir" -> data = Path.of(value(args, ++i, "--data-dir"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(scenarios, keepRunning, data.toAbsolutePath());
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }
}
