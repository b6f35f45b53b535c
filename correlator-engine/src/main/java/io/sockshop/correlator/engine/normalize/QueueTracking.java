package io.sockshop.correlator.engine.normalize;

import io.sockshop.correlator.engine.app.AppTopology;
import io.sockshop.correlator.engine.app.QueueEdge;
import io.sockshop.correlator.engine.state.QueueState;
import io.sockshop.correlator.engine.state.ServiceState;

/**
 * Messages published to a queue while its consumer has no available replica: counted exactly while
 * the outage lasts, seeded from the publisher's remembered publishes when it starts (a publish whose
 * log arrived before the consumer's watch record still counts).
 */
final class QueueTracking {

    private final AppTopology topology;

    QueueTracking(AppTopology topology) {
        this.topology = topology;
    }

    void publishedToQueues(String publisher, ServiceState p, long time, StateAccess state, Changes changes) {
        for (QueueEdge q : topology.queues()) {
            if (!q.publisher().equals(publisher)) {
                continue;
            }
            ServiceState consumer = state.service(q.consumer());
            // The current outage, or the last one when the publish's log arrives after the consumer came back.
            long since = consumer.unavailable() && consumer.unavailableSince > 0 ? consumer.unavailableSince
                    : time < consumer.outageEnd ? consumer.outageStart : 0;
            if (since == 0 || time < since) {
                continue;
            }
            QueueState qs = state.app().queues.computeIfAbsent(q.queue(), k -> new QueueState());
            if (qs.consumerDownSince != since) {
                seed(qs, since, p);
            } else {
                qs.publishedWhileDown++;
                qs.firstPublishWhileDown = qs.firstPublishWhileDown == 0 ? time : Math.min(qs.firstPublishWhileDown, time);
                qs.lastPublishWhileDown = Math.max(qs.lastPublishWhileDown, time);
            }
            changes.appState = true;
            changes.decisive = true;
        }
    }

    void consumerWentDown(String consumer, ServiceState c, StateAccess state, Changes changes) {
        for (QueueEdge q : topology.queues()) {
            if (q.consumer().equals(consumer)) {
                QueueState qs = state.app().queues.computeIfAbsent(q.queue(), k -> new QueueState());
                seed(qs, c.unavailableSince, state.service(q.publisher()));
                changes.appState = true;
            }
        }
    }

    private static void seed(QueueState qs, long since, ServiceState publisher) {
        qs.consumerDownSince = since;
        qs.publishedWhileDown = publisher.publishedSince(since);
        qs.firstPublishWhileDown = publisher.publishTimes.stream().filter(t -> t >= since).findFirst().orElse(0L);
        qs.lastPublishWhileDown = publisher.publishTimes.stream().filter(t -> t >= since).reduce((a, b) -> b).orElse(0L);
    }
}
