package io.sockshop.correlator.injector.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.sockshop.correlator.injector.InjectorException;
import io.sockshop.correlator.injector.run.Injector;
import io.sockshop.correlator.injector.run.RunRequest;
import io.sockshop.correlator.injector.run.RunView;
import io.sockshop.correlator.injector.scenario.Scenario;
import jakarta.inject.Inject;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line: {@code serve}, {@code list}, {@code show ID}, {@code run ID [--namespace NS]
 * [--set NAME=VALUE]... [--dry-run]}, {@code restore}. Exit codes: 0 done (a run COMPLETED), 1 a run
 * FAILED or was ABORTED, 2 a bad command or a refused request.
 */
public class InjectorCli implements QuarkusApplication {

    static final String USAGE = """
            usage: injector [serve]                 run the REST service (default)
                   injector list                    list scenarios
                   injector show ID                 show one scenario with its ground truth
                   injector run ID [--namespace NS] [--set NAME=VALUE]... [--dry-run]
                                                    run a scenario here, printing its events; Ctrl-C stops and restores
                   injector restore                 restore what an interrupted injector left behind, then exit""";

    @Inject
    InjectorRuntime runtime;

    private final PrintStream out = System.out;

    @Override
    public int run(String... args) throws Exception {
        String command = args.length == 0 ? "serve" : args[0];
        try {
            return switch (command) {
                case "serve" -> {
                    Quarkus.waitForExit();
                    yield 0;
                }
                case "list" -> list();
                case "show" -> show(args);
                case "run" -> runScenario(args);
                case "restore" -> {
                    out.println(runtime.recovered().size() + " unfinished run(s) restored");
                    runtime.recovered().forEach(r -> out.println("  " + r.runId() + " " + r.view().state()
                            + (r.restored() ? "" : " (restore incomplete: " + r.view().message() + ")")));
                    yield runtime.recovered().stream().allMatch(r -> r.restored()) ? 0 : 1;
                }
                default -> usage("unknown command '" + command + "'");
            };
        } catch (InjectorException e) {
            System.err.println("refused (" + e.kind().title() + "): " + e.getMessage());
            return 2;
        }
    }

    private int list() {
        out.printf("%-14s %-9s %-34s %-14s %s%n", "ID", "INCIDENT", "EXPECTED SIGNATURE", "ROOT CAUSE", "TITLE");
        for (Scenario s : runtime.injector().scenarios()) {
            out.printf("%-14s %-9s %-34s %-14s %s%n", s.id(), s.incident() == null ? "-" : s.incident(),
                    s.expected().signature(), s.expected().rootCauseService(), s.title());
        }
        return 0;
    }

    private int show(String[] args) {
        if (args.length != 2) {
            return usage("show needs one scenario id");
        }
        Scenario s = runtime.injector().scenario(args[1]);
        out.println(s.id() + ": " + s.title());
        out.println("expected: signature " + s.expected().signature() + ", root cause " + s.expected().rootCauseService()
                + ", fault type " + s.expected().faultType().id());
        out.println("parameters:");
        s.parameters().forEach((name, p) -> out.println("  " + name + " = " + p.defaultValue()
                + (p.description() == null ? "" : "  (" + p.description() + ")")));
        out.println("steps:");
        s.steps().forEach(step -> out.println("  - " + step));
        return 0;
    }

    private int runScenario(String[] args) throws InterruptedException {
        if (args.length < 2) {
            return usage("run needs a scenario id");
        }
        String namespace = null;
        boolean dryRun = false;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--dry-run" -> dryRun = true;
                case "--namespace" -> {
                    if (++i >= args.length) {
                        return usage("--namespace needs a value");
                    }
                    namespace = args[i];
                }
                case "--set" -> {
                    if (++i >= args.length || !args[i].contains("=")) {
                        return usage("--set needs NAME=VALUE");
                    }
                    overrides.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
                }
                default -> {
                    return usage("unknown option '" + args[i] + "'");
                }
            }
        }
        RunView run = runtime.injector().start(new RunRequest(args[1], namespace, overrides, dryRun));
        if (dryRun) {
            out.println("# dry run of " + run.scenarioId() + " in " + run.namespace() + " (" + run.plannedDuration()
                    + "): nothing was changed. Equivalent commands, restore last:");
            Injector.kubectl(run).forEach(out::println);
            return 0;
        }
        return follow(run.runId());
    }

    /** Prints events as they come until the run ends. */
    private int follow(String runId) throws InterruptedException {
        int printed = 0;
        while (true) {
            RunView view = runtime.injector().run(runId).orElseThrow();
            for (; printed < view.events().size(); printed++) {
                RunView.EventView e = view.events().get(printed);
                out.println(e.time() + " " + runId + " #" + e.sequence() + " " + e.phase()
                        + (e.action() == null ? "" : " step " + e.step() + " " + e.action())
                        + (e.message() == null ? "" : ": " + e.message()));
            }
            if (view.state().ended() && printed == view.events().size()) {
                return view.state() == io.sockshop.correlator.injector.run.RunState.COMPLETED ? 0 : 1;
            }
            Thread.sleep(200);
        }
    }

    private int usage(String problem) {
        System.err.println(problem);
        System.err.println(USAGE);
        return 2;
    }
}
