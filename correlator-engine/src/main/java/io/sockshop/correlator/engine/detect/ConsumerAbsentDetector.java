package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.app.QueueEdge;
import io.sockshop.correlator.engine.state.QueueState;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.finding.Evidence;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Impact;
import io.sockshop.correlator.model.finding.Remediation;
import io.sockshop.correlator.model.finding.RootCause;
import io.sockshop.correlator.model.finding.Severity;
import io.sockshop.correlator.model.finding.Signatures;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code publisher-active-consumer-absent} (guide incident 5): a queue's consumer has no available
 * replica while its publisher keeps publishing. Silent: nothing user-facing fails. Guards: a rolling
 * update keeps the consumer available; a consumer gone while nobody publishes is no incident yet.
 */
public final class ConsumerAbsentDetector implements Detector {

    @Override
    public String signature() {
        return Signatures.PUBLISHER_ACTIVE_CONSUMER_ABSENT;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public int precedence() {
        return 20;
    }

    @Override
    public List<Match> evaluate(DetectionContext ctx) {
        List<Match> out = new ArrayList<>();
        for (QueueEdge q : ctx.topology().queues()) {
            ServiceState consumer = ctx.state(q.consumer());
            long since = consumer.outageSince(ctx.now(), ctx.settings().activeWindow().toMillis());
            if (since == 0) {
                continue;
            }
            ServiceState publisher = ctx.state(q.publisher());
            QueueState qs = ctx.queue(q.queue());
            long published = qs.consumerDownSince == since ? qs.publishedWhileDown : publisher.publishedSince(since);
            if (published < ctx.settings().minPublished()) {
                continue;
            }
            Match m = match(ctx, q, consumer, publisher, qs, published, since);
            out.add(consumer.unavailable() ? m : m.recovering());
        }
        return out;
    }

    private Match match(DetectionContext ctx, QueueEdge q, ServiceState consumer, ServiceState publisher,
                        QueueState qs, long published, long since) {
        long until = consumer.outageUntil(since, ctx.now());
        long firstPublish = qs.consumerDownSince == since && qs.firstPublishWhileDown > 0 ? qs.firstPublishWhileDown
                : publisher.publishTimes.stream().filter(t -> t >= since).findFirst().orElse(since);
        long lastPublish = qs.consumerDownSince == since && qs.lastPublishWhileDown > 0 ? qs.lastPublishWhileDown
                : publisher.publishTimes.stream().filter(t -> t >= since).reduce((a, b) -> b).orElse(since);
        List<Evidence> evidence = new ArrayList<>();
        DetectionContext.add(evidence, consumer.unavailableEvidence, q.consumer());
        DetectionContext.add(evidence, consumer.scaledToZero, q.consumer());
        DetectionContext.add(evidence, publisher.publishEvidence, q.publisher());
        Long depth = null;
        Long consumers = null;
        if (q.broker() != null) {
            ServiceState broker = ctx.state(q.broker());
            if (!Double.isNaN(broker.queueDepth)) {
                depth = Math.round(broker.queueDepth);
            }
            if (!Double.isNaN(broker.queueConsumers)) {
                consumers = Math.round(broker.queueConsumers);
            }
        }
        long publisherErrors = publisher.errors.between(since, until);
        List<String> reasons = new ArrayList<>();
        reasons.add(q.consumer() + " (consumer of " + q.queue() + ") has 0 available replicas since " + Format.clock(since));
        reasons.add(q.publisher() + " published " + published + " message(s) to " + q.queue() + " since then");
        reasons.add(depth == null ? "no queue depth metric: backlog inferred from publishes"
                : q.queue() + " depth is " + depth);
        if (consumers != null) {
            reasons.add(q.queue() + " has " + consumers + " consumer(s) by the broker's metric");
        }
        if (publisherErrors == 0) {
            reasons.add("no user-facing errors: a silent failure");
        }
        String deployment = ctx.deploymentOf(q.consumer());
        RootCause rootCause = new RootCause(q.consumer(), "Deployment", deployment,
                consumer.desiredAtOutage == 0 ? "Deployment scaled to 0 replicas: nothing consumes " + q.queue()
                        : "no available replica: nothing consumes " + q.queue());
        List<String> affected = new ArrayList<>(List.of(q.consumer(), q.publisher()));
        if (q.broker() != null) {
            affected.add(q.broker());
        }
        Impact impact = new Impact(null, null, null, publisherErrors, null, null, null, null,
                Math.max(0, (until - since) / 1000), published, depth);
        Remediation remediation = new Remediation(
                List.of(ctx.kubectl("scale deployment/" + deployment + " --replicas=1"),
                        "Check that the " + published + " queued message(s) are processed once " + q.consumer() + " is back"),
                List.of("Alert on " + q.queue() + " depth and on consumer count 0",
                        "Run " + q.consumer() + " with at least 2 replicas and a PodDisruptionBudget"));
        return new Match(signature(), version(), precedence(), FaultType.CONSUMER_UNAVAILABLE, rootCause,
                Severity.HIGH, depth == null ? 0.8 : 0.9, reasons,
                q.consumer() + " absent: " + q.queue() + " fills up while " + q.publisher() + " keeps publishing",
                q.consumer() + " has no available replica since " + Format.clock(since) + " while " + q.publisher()
                        + " published " + published + " message(s) to " + q.queue() + " that nobody consumes.",
                affected, List.of(q.consumer(), q.publisher()), DetectionContext.sorted(evidence), impact, remediation,
                since, Math.max(since, firstPublish), Math.max(lastPublish, since));
    }
}
