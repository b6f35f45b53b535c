package io.sockshop.correlator.injector.app;

import io.sockshop.correlator.injector.scenario.ParameterSpec;
import io.sockshop.correlator.injector.scenario.Scenario;
import io.sockshop.correlator.injector.scenario.StepSpec;
import io.sockshop.correlator.model.finding.GroundTruth;

import java.util.List;
import java.util.Map;

/** A scenario as the API shows it; {@code steps} only in the detail view. */
public record ScenarioView(String id, String title, Integer incident, String description, GroundTruth expected,
                           Map<String, ParameterSpec> parameters, List<StepSpec> steps, String origin) {

    static ScenarioView summary(Scenario s) {
        return new ScenarioView(s.id(), s.title(), s.incident(), s.description(), s.expected(), s.parameters(), null,
                s.origin());
    }

    static ScenarioView detail(Scenario s) {
        return new ScenarioView(s.id(), s.title(), s.incident(), s.description(), s.expected(), s.parameters(),
                s.steps(), s.origin());
    }
}
