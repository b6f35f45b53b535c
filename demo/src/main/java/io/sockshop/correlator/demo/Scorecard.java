package io.sockshop.correlator.demo;

import io.sockshop.correlator.model.finding.ScoreRecord;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The demo's verdict: one row per injection run, and a pass only when every run was caught right. */
public final class Scorecard {

    private Scorecard() {
    }

    public static boolean passed(Collection<ScoreRecord> scores, int expectedRuns) {
        return scores.size() == expectedRuns && scores.stream().allMatch(Scorecard::right);
    }

    static boolean right(ScoreRecord s) {
        return s.detected() && s.signatureCorrect() && s.rootCauseCorrect() && s.falsePositiveIncidentIds().isEmpty();
    }

    public static String table(List<ScoreRecord> scores) {
        StringBuilder out = new StringBuilder();
        String format = "%-12s %-34s %-14s %-9s %-9s %-11s %9s %4s  %s%n";
        out.append(String.format(Locale.ROOT, format, "scenario", "expected signature", "root cause", "detected",
                "signature", "root cause", "detect s", "FP", "verdict"));
        for (ScoreRecord s : scores) {
            out.append(String.format(Locale.ROOT, format, s.scenarioId(), s.expected().signature(),
                    s.expected().rootCauseService(), yes(s.detected()), yes(s.signatureCorrect()), yes(s.rootCauseCorrect()),
                    s.timeToDetectSeconds() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.timeToDetectSeconds()),
                    s.falsePositiveIncidentIds().size(), right(s) ? "PASS" : "FAIL"
                            + (s.detectedSignature() == null ? "" : " (got " + s.detectedSignature() + " / "
                            + s.detectedRootCauseService() + ")")));
        }
        return out.toString();
    }

    private static String yes(boolean value) {
        return value ? "yes" : "no";
    }
}
