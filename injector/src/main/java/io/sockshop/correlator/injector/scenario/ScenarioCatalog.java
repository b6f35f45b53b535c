package io.sockshop.correlator.injector.scenario;

import io.sockshop.correlator.injector.InjectorException;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The scenarios a run can be started from: the shipped ones and the user's. Ids are unique: a user
 * file reusing a shipped id is refused rather than quietly replacing the guide's incident.
 */
public final class ScenarioCatalog {

    private final Map<String, Scenario> byId;

    /**
     * @param validator checks that each scenario builds a valid plan with its defaults, so that a broken
     *                  file stops start-up instead of failing the first run
     */
    public ScenarioCatalog(Collection<Scenario> scenarios, Consumer<Scenario> validator) {
        Map<String, Scenario> map = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            Scenario previous = map.putIfAbsent(scenario.id(), scenario);
            if (previous != null) {
                throw new IllegalArgumentException("scenario id '" + scenario.id() + "' is declared twice: in "
                        + previous.origin() + " and in " + scenario.origin());
            }
            try {
                validator.accept(scenario);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(scenario.origin() + ": scenario " + scenario.id()
                        + " is invalid: " + e.getMessage(), e);
            }
        }
        this.byId = map;
    }

    public List<Scenario> all() {
        return List.copyOf(byId.values());
    }

    public Scenario get(String id) {
        Scenario scenario = byId.get(id);
        if (scenario == null) {
            throw new InjectorException(InjectorException.Kind.SCENARIO_NOT_FOUND,
                    "no scenario '" + id + "'; known: " + byId.keySet());
        }
        return scenario;
    }
}
