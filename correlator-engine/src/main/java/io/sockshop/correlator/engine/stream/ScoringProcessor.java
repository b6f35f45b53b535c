package io.sockshop.correlator.engine.stream;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.EngineMetrics;
import io.sockshop.correlator.engine.StoreNames;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventCodec;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.MalformedEventException;
import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.ScoreRecord;
import io.sockshop.correlator.model.finding.ScoreStatus;
import io.sockshop.correlator.model.injection.InjectionEvent;
import io.sockshop.correlator.model.injection.InjectionPhase;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ground-truth scoring, joined per application (injections are keyed like the raw topics, so they
 * are co-partitioned with them and reach the task that holds the application's incidents). For each
 * injection run: detected or not, with the expected signature and root cause, and how long after the
 * injection started (event time). Each primary (not superseded) incident belongs to at most one run,
 * the one active when it was detected (see {@link #owner}); of a run's incidents the best match is
 * scored and every other one is a false positive: a guide incident gives exactly one primary incident.
 * PENDING while the run and its grace period last, FINAL afterwards.
 */
public final class ScoringProcessor implements Processor<Object, Object, Object, Object> {

    private final CorrelatorConfig config;
    private final String scoresSink;
    private final String deadLetterSink;
    private final EngineMetrics metrics;
    private final EventCodec<InjectionEvent> codec = new EventCodec<>(EventType.INJECTION);
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, ScoringState> store;

    public ScoringProcessor(CorrelatorConfig config, String scoresSink, String deadLetterSink, EngineMetrics metrics) {
        this.config = config;
        this.scoresSink = scoresSink;
        this.deadLetterSink = deadLetterSink;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.SCORING);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Record<Object, Object> record) {
        if (record.value() instanceof ScoringInput input) {
            String app = (String) record.key();
            ScoringState state = load(app);
            if (input instanceof ScoringInput.Incident i) {
                IncidentState s = i.change().state();
                state.remember(new ScoringState.Seen(s.incidentId(), s.signature(), s.rootCauseService(),
                        s.openedAt().toEpochMilli(), s.latest().supersededBy()));
                state.watermark = Math.max(state.watermark, s.updatedAt().toEpochMilli());
            } else if (input instanceof ScoringInput.Tick t) {
                if (state.runs.values().stream().allMatch(r -> r.finalized)) {
                    return; // nothing waits for time to pass: no write for an application without open runs
                }
                state.watermark = Math.max(state.watermark, t.watermark());
            }
            publish(app, state);
            return;
        }
        Record<byte[], byte[]> raw = (Record<byte[], byte[]>) (Record<?, ?>) record;
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        ApplicationKey app;
        CloudEvent<InjectionEvent> event;
        try {
            app = SignalProcessor.applicationKey(raw.key());
            event = codec.decode(raw.value());
        } catch (MalformedEventException e) {
            metrics.deadLetter(topic);
            DeadLetters.forward(context, raw, e.reason(), deadLetterSink);
            return;
        } catch (IllegalArgumentException e) {
            metrics.deadLetter(topic);
            DeadLetters.forward(context, raw, "key: " + e.getMessage(), deadLetterSink);
            return;
        }
        metrics.processed("injection");
        InjectionEvent inj = event.data();
        if (inj.dryRun()) {
            return; // a dry run changes nothing in the cluster: nothing to detect, nothing to score
        }
        ScoringState state = load(app.toString());
        long time = event.time().toEpochMilli();
        state.watermark = Math.max(state.watermark, time);
        ScoringState.Run run = state.runs.computeIfAbsent(inj.runId(), id -> {
            ScoringState.Run r = new ScoringState.Run();
            r.runId = id;
            return r;
        });
        run.scenarioId = inj.scenarioId();
        run.expected = inj.expected();
        if (inj.phase() == InjectionPhase.STARTED || inj.phase() == InjectionPhase.STEP_APPLIED) {
            run.startedAt = run.startedAt == 0 ? time : Math.min(run.startedAt, time);
        }
        if (inj.phase() == InjectionPhase.RESTORED || inj.phase() == InjectionPhase.COMPLETED
                || inj.phase() == InjectionPhase.FAILED || inj.phase() == InjectionPhase.ABORTED) {
            run.endedAt = Math.max(run.endedAt, time);
            if (run.startedAt == 0) {
                run.startedAt = time;
            }
        }
        state.trimRuns();
        publish(app.toString(), state);
    }

    private ScoringState load(String app) {
        ScoringState s = store.get(app);
        return s == null ? new ScoringState() : s;
    }

    private void publish(String app, ScoringState state) {
        long grace = config.scoringGrace().toMillis();
        for (ScoringState.Run run : state.runs.values()) {
            if (run.finalized || run.startedAt == 0 || run.expected == null) {
                continue;
            }
            boolean ended = run.endedAt > 0;
            long windowEnd = (ended ? run.endedAt : state.watermark) + grace;
            List<ScoringState.Seen> owned = new ArrayList<>();
            for (ScoringState.Seen s : state.incidents) {
                if (s.supersededBy() == null && owner(state, s, grace) == run) {
                    owned.add(s);
                }
            }
            ScoringState.Seen best = owned.stream().min(Comparator
                    .comparingInt((ScoringState.Seen s) -> rank(run, s)).thenComparingLong(ScoringState.Seen::openedAt))
                    .orElse(null);
            List<String> falsePositives = owned.stream().filter(s -> s != best).map(ScoringState.Seen::incidentId).toList();
            boolean fin = ended && state.watermark >= run.endedAt + grace;
            ScoreRecord score = new ScoreRecord(run.runId, run.scenarioId, app, run.expected,
                    Instant.ofEpochMilli(run.startedAt), ended ? Instant.ofEpochMilli(run.endedAt) : null,
                    fin ? ScoreStatus.FINAL : ScoreStatus.PENDING, best != null,
                    best != null && run.expected.signature().equals(best.signature()),
                    best != null && run.expected.rootCauseService().equals(best.rootCause()),
                    best == null ? null : Math.max(0, best.openedAt() - run.startedAt) / 1000.0,
                    best == null ? null : best.incidentId(), best == null ? null : best.signature(),
                    best == null ? null : best.rootCause(), falsePositives);
            String fingerprint = score.toString();
            if (!fingerprint.equals(run.lastFingerprint)) {
                run.lastFingerprint = fingerprint;
                run.revision++;
                long at = fin ? run.endedAt + grace : Math.max(run.startedAt, Math.min(state.watermark, windowEnd));
                context.forward(new Record<Object, Object>(run.runId, Events.score(score, run.revision,
                        Instant.ofEpochMilli(at)), at), scoresSink);
            }
            run.finalized = fin;
        }
        store.put(app, state);
    }

    /**
     * The run an incident belongs to: the latest run that had started when the incident was detected,
     * if that run (or its grace period) still lasted. A later run supersedes an earlier one, so an
     * incident that opens during run B is never scored against run A, however long A's grace period;
     * and an incident detected before a run began is not that run's. Run starts count to the whole
     * second, because Kubernetes and Datadog timestamps have whole seconds: the evidence of a change the
     * injector made at 12:00:15.4 reads 12:00:15.
     */
    static ScoringState.Run owner(ScoringState state, ScoringState.Seen incident, long grace) {
        ScoringState.Run latest = null;
        for (ScoringState.Run r : state.runs.values()) {
            if (r.startedAt == 0 || r.expected == null || Math.floorDiv(r.startedAt, 1000) * 1000 > incident.openedAt()) {
                continue;
            }
            if (latest == null || r.startedAt > latest.startedAt) {
                latest = r;
            }
        }
        if (latest == null || (latest.endedAt > 0 && incident.openedAt() > latest.endedAt + grace)) {
            return null;
        }
        return latest;
    }

    /** 0: signature and root cause right, 1: root cause right, 2: signature right, 3: neither. */
    private static int rank(ScoringState.Run run, ScoringState.Seen s) {
        boolean sig = run.expected.signature().equals(s.signature());
        boolean root = run.expected.rootCauseService().equals(s.rootCause());
        return sig && root ? 0 : root ? 1 : sig ? 2 : 3;
    }
}
