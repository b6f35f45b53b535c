package io.sockshop.correlator.api.query;

import io.sockshop.correlator.api.state.IncidentStore;
import io.sockshop.correlator.api.state.ScoreStore;
import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.ScoreRecord;
import io.sockshop.correlator.model.finding.ScoreStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scorecard from the score records. Per signature {@code s}, over FINAL runs:
 * <ul>
 *   <li>TP: a run that expected {@code s} and was detected with signature {@code s};</li>
 *   <li>FN: a run that expected {@code s} and was not detected, or was detected under another signature;</li>
 *   <li>FP: a run detected under {@code s} that expected another signature, plus each distinct
 *       false-positive incident (in a run window, matching no injection) whose signature is {@code s}.</li>
 * </ul>
 * Root-cause correctness is reported beside, not folded into these counts.
 */
public final class ScorecardCalculator {

    /** Signature of a false-positive incident this replica no longer (or never) knew. */
    static final String UNKNOWN_SIGNATURE = "unknown";

    private final ScoreStore scores;
    private final IncidentStore incidents;

    public ScorecardCalculator(ScoreStore scores, IncidentStore incidents) {
        this.scores = scores;
        this.incidents = incidents;
    }

    /** @param scenario only runs of this scenario (optional); @param application likewise */
    public Scorecard compute(String scenario, String application) {
        List<ScoreRecord> runs = scores.all().stream()
                .filter(r -> scenario == null || scenario.equals(r.scenarioId()))
                .filter(r -> application == null || application.equals(r.application()))
                .sorted(Comparator.comparing(ScoreRecord::injectionStartedAt).thenComparing(ScoreRecord::runId))
                .toList();
        List<ScoreRecord> finals = runs.stream().filter(r -> r.status() == ScoreStatus.FINAL).toList();

        Map<String, int[]> counts = new TreeMap<>(); // signature -> {runs, tp, fp, fn}
        Set<String> falsePositiveIds = new LinkedHashSet<>();
        for (ScoreRecord run : finals) {
            String expected = run.expected().signature();
            counts.computeIfAbsent(expected, s -> new int[4])[0]++;
            boolean rightSignature = run.detected() && run.signatureCorrect();
            if (rightSignature) {
                counts.get(expected)[1]++;
            } else {
                counts.get(expected)[3]++;
                if (run.detected() && run.detectedSignature() != null && !run.detectedSignature().equals(expected)) {
                    counts.computeIfAbsent(run.detectedSignature(), s -> new int[4])[2]++;
                }
            }
            falsePositiveIds.addAll(run.falsePositiveIncidentIds());
        }
        for (String incidentId : falsePositiveIds) {
            String signature = incidents.get(incidentId).map(IncidentState::signature).orElse(UNKNOWN_SIGNATURE);
            counts.computeIfAbsent(signature, s -> new int[4])[2]++;
        }

        List<Scorecard.SignatureScore> perSignature = new ArrayList<>();
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (var entry : counts.entrySet()) {
            int[] c = entry.getValue();
            perSignature.add(new Scorecard.SignatureScore(entry.getKey(), c[0], Scorecard.Metrics.of(c[1], c[2], c[3])));
            tp += c[1];
            fp += c[2];
            fn += c[3];
        }

        List<Double> ttd = finals.stream().filter(ScoreRecord::detected).map(ScoreRecord::timeToDetectSeconds)
                .filter(Objects::nonNull).sorted().toList();
        int detected = (int) finals.stream().filter(ScoreRecord::detected).count();
        Scorecard.Totals totals = new Scorecard.Totals(finals.size(), runs.size() - finals.size(), detected,
                (int) finals.stream().filter(r -> r.detected() && r.signatureCorrect()).count(),
                (int) finals.stream().filter(r -> r.detected() && r.rootCauseCorrect()).count(),
                (int) finals.stream().filter(r -> r.detected() && r.signatureCorrect() && r.rootCauseCorrect()).count(),
                falsePositiveIds.size(),
                finals.isEmpty() ? null : (double) detected / finals.size(),
                ttd.isEmpty() ? null : ttd.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                ttd.isEmpty() ? null : median(ttd),
                ttd.isEmpty() ? null : ttd.get(ttd.size() - 1),
                Scorecard.Metrics.of(tp, fp, fn));
        List<ScoreRecord> newestFirst = new ArrayList<>(runs);
        newestFirst.sort(Comparator.comparing(ScoreRecord::injectionStartedAt).reversed());
        return new Scorecard(totals, perSignature, newestFirst);
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
