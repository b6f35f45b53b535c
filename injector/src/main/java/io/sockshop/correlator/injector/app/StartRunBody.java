package io.sockshop.correlator.injector.app;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.sockshop.correlator.injector.InjectorException;
import io.sockshop.correlator.injector.run.RunRequest;

import java.util.Map;
import java.util.TreeSet;

/**
 * The body of {@code POST /runs}. Unknown fields are refused: a misspelt {@code parameters} must not
 * quietly run the guide's 5-minute default.
 */
public class StartRunBody {

    public String scenarioId;
    public String namespace;
    public Map<String, String> parameters;
    public Boolean dryRun;

    private final TreeSet<String> unknown = new TreeSet<>();

    @JsonAnySetter
    void unknown(String name, Object value) {
        unknown.add(name);
    }

    RunRequest toRequest() {
        if (!unknown.isEmpty()) {
            throw InjectorException.invalid("unknown field(s) " + unknown
                    + "; a run request has scenarioId, namespace, parameters and dryRun");
        }
        if (scenarioId == null || scenarioId.isBlank()) {
            throw InjectorException.invalid("scenarioId is required");
        }
        return new RunRequest(scenarioId, namespace, parameters, Boolean.TRUE.equals(dryRun));
    }
}
