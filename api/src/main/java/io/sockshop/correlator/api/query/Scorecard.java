package io.sockshop.correlator.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.finding.ScoreRecord;

import java.util.List;

/**
 * How the correlator did against ground truth: every run, the totals over final runs, and
 * precision, recall and F1 per signature (definitions in docs/api.md and {@link ScorecardCalculator}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scorecard(Totals totals, List<SignatureScore> signatures, List<ScoreRecord> runs) {

    /**
     * @param finalRuns        runs whose score is FINAL (the totals count only these)
     * @param pendingRuns      runs still within their window and grace period
     * @param fullyCorrect     detected, with the right signature and the right root-cause service
     * @param falsePositives   distinct incidents that matched no injection, over all final runs
     * @param meanTimeToDetectSeconds   over detected final runs; absent when none was detected
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Totals(int finalRuns, int pendingRuns, int detected, int signatureCorrect, int rootCauseCorrect,
                         int fullyCorrect, int falsePositives, Double detectionRate,
                         Double meanTimeToDetectSeconds, Double medianTimeToDetectSeconds,
                         Double maxTimeToDetectSeconds, Metrics overall) {
    }

    /** Counts and ratios of one signature; ratios are absent when their denominator is 0. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SignatureScore(String signature, int runs, Metrics metrics) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metrics(int truePositives, int falsePositives, int falseNegatives, Double precision, Double recall,
                          Double f1) {
        static Metrics of(int tp, int fp, int fn) {
            Double precision = tp + fp == 0 ? null : (double) tp / (tp + fp);
            Double recall = tp + fn == 0 ? null : (double) tp / (tp + fn);
            Double f1 = precision == null || recall == null || precision + recall == 0 ? null
                    : 2 * precision * recall / (precision + recall);
            return new Metrics(tp, fp, fn, precision, recall, f1);
        }
    }
}
