package io.sockshop.correlator.model.finding;

import io.sockshop.correlator.model.Require;

import java.util.List;

/**
 * How sure the correlator is, and why: the reasons name the evidence present and the evidence
 * missing ("no memory metric for front-end: limit comparison not possible").
 */
public record Confidence(Double score, List<String> reasons) {
    public Confidence {
        Require.nonNull(score, "score");
        Require.finite(score, "score");
        if (score < 0 || score > 1) {
            throw new IllegalArgumentException("score must be between 0 and 1, was " + score);
        }
        reasons = Require.list(reasons, "reasons");
    }
}
