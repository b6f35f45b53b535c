package io.sockshop.correlator.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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

    /**
     * The order. Runs follow each other at once (the guide gives each incident minutes of recovery), so
     * an incident may still be open, in its quiet period, when the next run starts:
     * <ul>
     * <li>latency first, on a calm baseline;</li>
     * <li>the hybrid (2) after the calm scale-downs (3, 5): the backends' latency baseline (30 slots of
     * 5 s) is then mostly normal traffic, and nothing open explains the front-end;</li>
     * <li>never a crash storm (1) right after the hybrid: the front-end's restarts would chain into one
     * restart episode, which an observer rightly calls one escalating incident;</li>
     * <li>the crash storm last, so that its crash loops touch nothing after it.</li>
     * </ul>
     */
    static final List<String> ORDER = List.of("incident-4", "incident-3", "incident-5", "incident-2", "incident-8", "incident-1");

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
            // Ctrl-C (or a kill) stops the services' JVMs too, not only this one
            Thread stopper = new Thread(pipeline::close, "demo-shutdown");
            Runtime.getRuntime().addShutdownHook(stopper);
            pipeline.start();
            DemoRun.Result result = DemoRun.run(pipeline, options.scenarios(), console);
            console.print("\n" + Scorecard.table(result.scorecard()) + "\n");
            boolean passed = result.passed();
            console.progress(passed ? "PASS: every incident detected with the right signature and root cause, nothing else fired"
                    : "FAIL: see the scorecard above and the service logs in " + options.dataDirectory().resolve("logs"));
            if (options.keepRunning()) {
                console.progress("keeping the pipeline up: API at " + pipeline.url("api") + "/api/v1/incidents"
                        + " (Swagger UI " + pipeline.url("api") + "/q/swagger-ui), Kafka at " + pipeline.bootstrapServers()
                        + "; Ctrl-C to stop");
                new CountDownLatch(1).await();
            }
            return passed ? 0 : 1;
        }
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
