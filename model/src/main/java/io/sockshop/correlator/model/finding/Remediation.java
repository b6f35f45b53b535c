package io.sockshop.correlator.model.finding;

import io.sockshop.correlator.model.Require;

import java.util.List;

/** What to do now, and what to change so that it does not happen again. */
public record Remediation(List<String> immediate, List<String> preventive) {
    public Remediation {
        immediate = Require.list(immediate, "immediate");
        preventive = Require.list(preventive, "preventive");
    }
}
