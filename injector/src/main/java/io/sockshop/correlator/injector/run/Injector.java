package io.sockshop.correlator.injector.run;

import io.sockshop.correlator.injector.InjectorException;
import io.sockshop.correlator.injector.cluster.ClusterOps;
import io.sockshop.correlator.injector.cluster.SavedState;
import io.sockshop.correlator.injector.journal.InjectionJournal;
import io.sockshop.correlator.injector.journal.PendingRestore;
import io.sockshop.correlator.injector.plan.PlanBuilder;
import io.sockshop.correlator.injector.plan.RunPlan;
import io.sockshop.correlator.injector.scenario.DurationText;
import io.sockshop.correlator.injector.scenario.Scenario;
import io.sockshop.correlator.injector.scenario.ScenarioCatalog;
import io.sockshop.correlator.model.injection.InjectionPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The injector: starts, stops and reports runs under the safety rails (namespace allowlist, maximum
 * duration, one active run per target Deployment) and restores what a previous process left behind.
 * Free of Quarkus types: the REST service, the command line and the tests use it the same way.
 */
public final class Injector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Injector.class);

    private final InjectorSettings settings;
    private final ScenarioCatalog catalog;
    private final PlanBuilder planner;
    private final ClusterOps cluster;
    private final Lifecycle lifecycle;
    private final RunEngine engine;
    private final Clock clock;
    private final RunLocks locks = new RunLocks();
    private final RunHistory history;
    private final ExecutorService runners = Executors.newCachedThreadPool(daemon("injector-run"));
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("injector-watchdog"));

    public Injector(InjectorSettings settings, ScenarioCatalog catalog, PlanBuilder planner, ClusterOps cluster,
                    InjectionJournal journal, Clock clock, Sleeper sleeper, RunListener listener) {
        this.settings = settings;
        this.catalog = catalog;
        this.planner = planner;
        this.cluster = cluster;
        this.clock = clock;
        this.lifecycle = new Lifecycle(journal, clock, listener);
        this.engine = new RunEngine(cluster, lifecycle, clock, sleeper);
        this.history = new RunHistory(settings.historySize());
    }

    public InjectorSettings settings() {
        return settings;
    }

    public List<Scenario> scenarios() {
        return catalog.all();
    }

    public Scenario scenario(String id) {
        return catalog.get(id);
    }

    /**
     * Plans and starts a run, or with {@code dryRun} plans it only. Refusals come as
     * {@link InjectorException}s before anything is changed or published.
     */
    public RunView start(RunRequest request) {
        String namespace = request.namespace() == null || request.namespace().isBlank()
                ? settings.defaultNamespace() : request.namespace();
        if (!settings.allowedNamespaces().contains(namespace)) {
            throw new InjectorException(InjectorException.Kind.NAMESPACE_NOT_ALLOWED, "namespace '" + namespace
                    + "' is not in the allowlist " + settings.allowedNamespaces().stream().sorted().toList()
                    + " (setting injector.allowed-namespaces)");
        }
        Scenario scenario = catalog.get(request.scenarioId());
        String runId = scenario.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        RunPlan plan = planner.build(scenario, runId, settings.cluster(), namespace, request.parameters());
        if (plan.duration().compareTo(settings.maxDuration()) > 0) {
            throw InjectorException.invalid("run of scenario " + scenario.id() + " would last "
                    + DurationText.format(plan.duration()) + ", more than the maximum of "
                    + DurationText.format(settings.maxDuration()) + " (setting injector.max-duration)");
        }
        return request.dryRun() ? dryRun(plan) : launch(plan);
    }

    private RunView dryRun(RunPlan plan) {
        plan.steps().forEach(step -> step.check(cluster));
        List<SavedState> saved = new ArrayList<>();
        plan.steps().forEach(step -> saved.addAll(step.save(cluster)));
        PendingRestore identity = pending(plan).withSaved(saved);
        Run run = new Run(plan, true, clock.instant(), identity);
        Lifecycle.Result result = publishOrUnavailable(identity, true, List.of(
                Lifecycle.Spec.of(InjectionPhase.PLANNED, plan.targets()),
                new Lifecycle.Spec(InjectionPhase.COMPLETED, plan.targets(), null, "dry run: nothing was changed")),
                Lifecycle.Pending.NONE);
        run.published(result.events(), identity);
        run.state(RunState.COMPLETED, clock.instant(), "dry run: nothing was changed");
        history.add(run);
        return run.view();
    }

    private RunView launch(RunPlan plan) {
        locks.acquire(plan.runId(), plan.lockKeys());
        try {
            plan.steps().forEach(step -> step.check(cluster));
            Run run = new Run(plan, false, clock.instant(), pending(plan));
            Lifecycle.Result planned = publishOrUnavailable(run.pending(), false,
                    List.of(Lifecycle.Spec.of(InjectionPhase.PLANNED, plan.targets())), Lifecycle.Pending.KEEP);
            run.published(planned.events(), planned.pending());
            history.add(run);
            var deadline = watchdog.schedule(() -> run.stop.request("maximum duration of "
                    + DurationText.format(settings.maxDuration()) + " exceeded"), settings.maxDuration().toMillis(),
                    TimeUnit.MILLISECONDS);
            runners.submit(() -> {
                try {
                    engine.execute(run);
                } finally {
                    deadline.cancel(false);
                    if (run.state().ended() && run.pending() == null) {
                        locks.release(run.runId());
                    }
                }
            });
            return run.view();
        } catch (RuntimeException e) {
            locks.release(plan.runId());
            throw e;
        }
    }

    /** Asks a run to stop; it restores and ends ABORTED. */
    public RunView stop(String runId, String reason) {
        Run run = history.run(runId).orElseThrow(() -> history.get(runId).isPresent()
                ? new InjectorException(InjectorException.Kind.RUN_ENDED, "run " + runId + " already ended")
                : new InjectorException(InjectorException.Kind.RUN_NOT_FOUND, "no run '" + runId + "'"));
        if (run.state().ended() || run.dryRun) {
            throw new InjectorException(InjectorException.Kind.RUN_ENDED, "run " + runId + " already ended "
                    + run.state());
        }
        run.stop.request(reason == null || reason.isBlank() ? "stop requested" : reason);
        return run.view();
    }

    public Optional<RunView> run(String runId) {
        return history.get(runId);
    }

    /** Every run this process knows, newest first. */
    public List<RunView> history() {
        return history.all();
    }

    /** Target Deployments of active runs, and the run holding each. */
    public Map<String, String> activeTargets() {
        return locks.held();
    }

    /**
     * Restores runs a previous process did not finish (read from the pending-restores topic at
     * start-up), publishing RESTORE_STARTED, RESTORED and ABORTED for each.
     *
     * @return the runs restored; a run whose restore failed keeps its pending restore and its locks
     */
    public List<RecoveredRun> recover(List<PendingRestore> pendings) {
        List<RecoveredRun> recovered = new ArrayList<>();
        for (PendingRestore pending : pendings) {
            RecoveredRun run = Recovery.recover(pending, cluster, lifecycle, locks);
            history.add(run);
            recovered.add(run);
        }
        return recovered;
    }

    /** Stops every active run and waits (bounded) for their restores: a shutdown leaves the cluster as it was. */
    @Override
    public void close() {
        history.runs().stream().filter(r -> !r.state().ended()).forEach(r -> r.stop.request("injector shutting down"));
        runners.shutdown();
        try {
            if (!runners.awaitTermination(2, TimeUnit.MINUTES)) {
                LOG.error("runs did not finish restoring within 2 minutes; their pending restores stay in Kafka");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.shutdownNow();
    }

    private Lifecycle.Result publishOrUnavailable(PendingRestore pending, boolean dryRun, List<Lifecycle.Spec> specs,
                                                  Lifecycle.Pending mode) {
        try {
            return lifecycle.publish(pending, dryRun, specs, mode);
        } catch (RuntimeException e) {
            throw new InjectorException(InjectorException.Kind.UNAVAILABLE,
                    "cannot publish the run's PLANNED event, so it was not started: " + RunEngine.describe(e), e);
        }
    }

    private PendingRestore pending(RunPlan plan) {
        return new PendingRestore(plan.runId(), plan.scenario().id(), plan.cluster(), plan.namespace(), plan.expected(),
                plan.parameters(), plan.targets(), List.copyOf(plan.lockKeys()), 0, false, List.of(), clock.instant());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Steps of a plan as kubectl commands, with the restore (for the command line's dry run). */
    public static List<String> kubectl(RunView view) {
        List<String> commands = new ArrayList<>();
        view.steps().forEach(s -> commands.addAll(s.kubectl()));
        commands.addAll(view.restorePlan());
        return commands;
    }
}
