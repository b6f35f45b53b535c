package io.sockshop.correlator.injector.plan;

import io.sockshop.correlator.injector.scenario.Scenario;
import io.sockshop.correlator.model.finding.GroundTruth;
import io.sockshop.correlator.model.injection.TargetRef;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A scenario resolved for one run: parameters fixed, namespace chosen, steps typed. */
public record RunPlan(String runId, Scenario scenario, String cluster, String namespace,
                      Map<String, String> parameters, List<Step> steps) {

    public RunPlan {
        parameters = Map.copyOf(parameters);
        steps = List.copyOf(steps);
    }

    public GroundTruth expected() {
        return scenario.expected();
    }

    /** The designed length of the run: the sum of its waits. */
    public Duration duration() {
        return steps.stream().map(Step::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** Every object the run changes, each once, in the order the steps touch them. */
    public List<TargetRef> targets() {
        return new ArrayList<>(new LinkedHashSet<>(steps.stream().flatMap(s -> s.targets().stream()).toList()));
    }

    /** {@code <namespace>/<deployment>} of every Deployment the run changes or aims at. */
    public Set<String> lockKeys() {
        Set<String> keys = new TreeSet<>();
        steps.forEach(s -> s.deployments().forEach(d -> keys.add(namespace + "/" + d)));
        return keys;
    }

    public List<String> kubectl() {
        return steps.stream().flatMap(s -> s.kubectl().stream()).toList();
    }
}
