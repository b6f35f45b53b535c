package io.sockshop.correlator.injector.plan;

import io.sockshop.correlator.injector.InjectorException;
import io.sockshop.correlator.injector.load.LoadSpec;
import io.sockshop.correlator.injector.load.LocustLoad;
import io.sockshop.correlator.injector.scenario.DurationText;
import io.sockshop.correlator.injector.scenario.Parameters;
import io.sockshop.correlator.injector.scenario.Scenario;
import io.sockshop.correlator.injector.scenario.StepSpec;
import io.sockshop.correlator.model.k8s.Quantities;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a scenario, a namespace and the run's overrides into a {@link RunPlan}, checking every value:
 * a bad override is refused before anything is planned, let alone changed.
 */
public final class PlanBuilder {

    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final int MAX_REPLICAS = 100;
    private static final int MAX_USERS = 100_000;

    private final LocustLoad load;

    public PlanBuilder(LocustLoad load) {
        this.load = load;
    }

    /**
     * @throws InjectorException INVALID_REQUEST when an override or a resolved value is invalid
     */
    public RunPlan build(Scenario scenario, String runId, String cluster, String namespace,
                         Map<String, String> overrides) {
        Parameters parameters = Parameters.of(scenario, overrides);
        try {
            return new RunPlan(runId, scenario, cluster, namespace, parameters.values(),
                    steps(scenario, runId, namespace, parameters));
        } catch (IllegalArgumentException e) {
            throw InjectorException.invalid("scenario " + scenario.id() + ": " + e.getMessage());
        }
    }

    /** Builds the scenario with its defaults; a scenario file that cannot run fails here, at load time. */
    public void validate(Scenario scenario) {
        build(scenario, scenario.id() + "-00000000", "validation", "validation", Map.of());
    }

    private List<Step> steps(Scenario scenario, String runId, String namespace, Parameters parameters) {
        List<StepSpec> specs = scenario.steps();
        List<Step> steps = new ArrayList<>();
        LoadSpec activeLoad = null;
        for (int i = 0; i < specs.size(); i++) {
            StepSpec spec = specs.get(i);
            String where = "step " + i + " (" + spec.action() + ")";
            Step step = switch (spec.action()) {
                case "scale" -> new ScaleStep(i, namespace, name(parameters.resolve(spec.deployment(), where + " deployment"), where + " deployment"),
                        integer(parameters.resolve(spec.replicas(), where + " replicas"), where + " replicas", 0, MAX_REPLICAS));
                case "set-resources" -> setResources(i, namespace, spec, parameters, where);
                case "wait" -> new WaitStep(i, DurationText.parse(parameters.resolve(spec.duration(), where + " duration"),
                        where + " duration"));
                case "start-load" -> {
                    if (activeLoad != null) {
                        throw new IllegalArgumentException(where + ": a load is already running; stop it first");
                    }
                    String target = spec.target() == null ? "front-end"
                            : name(parameters.resolve(spec.target(), where + " target"), where + " target");
                    activeLoad = new LoadSpec(runId, scenario.id(), namespace,
                            integer(parameters.resolve(spec.users(), where + " users"), where + " users", 1, MAX_USERS),
                            positive(parameters.resolve(spec.spawnRate(), where + " spawnRate"), where + " spawnRate"),
                            loadRunTime(specs, i, parameters), "http://" + target);
                    yield new StartLoadStep(i, activeLoad, target, load);
                }
                case "stop-load" -> {
                    if (activeLoad == null) {
                        throw new IllegalArgumentException(where + ": no load was started before it");
                    }
                    StopLoadStep stop = new StopLoadStep(i, activeLoad);
                    activeLoad = null;
                    yield stop;
                }
                default -> throw new IllegalArgumentException(where + ": unknown action '" + spec.action()
                        + "'; expected scale, set-resources, start-load, stop-load or wait");
            };
            steps.add(step);
        }
        return steps;
    }

    private static SetResourcesStep setResources(int index, String namespace, StepSpec spec, Parameters parameters,
                                                 String where) {
        String deployment = name(parameters.resolve(spec.deployment(), where + " deployment"), where + " deployment");
        String container = spec.container() == null ? deployment
                : name(parameters.resolve(spec.container(), where + " container"), where + " container");
        Map<String, String> limits = quantities(parameters.resolve(spec.limits(), where + " limits"), where + " limits");
        Map<String, String> requests = quantities(parameters.resolve(spec.requests(), where + " requests"),
                where + " requests");
        if (limits.isEmpty() && requests.isEmpty()) {
            throw new IllegalArgumentException(where + ": give limits and/or requests");
        }
        return new SetResourcesStep(index, namespace, deployment, container, requests, limits);
    }

    /** Locust runs as long as the waits between its start and its stop (or the end of the run). */
    private static Duration loadRunTime(List<StepSpec> specs, int start, Parameters parameters) {
        Duration total = Duration.ZERO;
        for (int i = start + 1; i < specs.size() && !"stop-load".equals(specs.get(i).action()); i++) {
            if ("wait".equals(specs.get(i).action())) {
                String where = "step " + i + " (wait) duration";
                total = total.plus(DurationText.parse(parameters.resolve(specs.get(i).duration(), where), where));
            }
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("step " + start + " (start-load): no wait follows it, so the load would"
                    + " run for no time");
        }
        return total;
    }

    private static Map<String, String> quantities(Map<String, String> values, String field) {
        if (values == null) {
            return Map.of();
        }
        values.forEach((key, value) -> {
            if (!key.equals("cpu") && !key.equals("memory") && !key.equals("ephemeral-storage")) {
                throw new IllegalArgumentException(field + ": unsupported resource '" + key
                        + "'; expected cpu, memory or ephemeral-storage");
            }
            try {
                Quantities.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + "." + key + " must be a Kubernetes quantity such as 50m or"
                        + " 128Mi, was '" + value + "'");
            }
        });
        return Map.copyOf(values);
    }

    private static String name(String value, String field) {
        if (value == null || !K8S_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a Kubernetes object name, was "
                    + (value == null ? "missing" : "'" + value + "'"));
        }
        return value;
    }

    private static int integer(String value, String field, int min, int max) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", was " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number, was '" + value + "'");
        }
    }

    private static double positive(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        try {
            double number = Double.parseDouble(value);
            if (!(number > 0) || Double.isInfinite(number)) {
                throw new IllegalArgumentException(field + " must be a positive number, was " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number, was '" + value + "'");
        }
    }
}
