package io.sockshop.correlator.engine.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/**
 * Messages a publisher handed to a queue while its consumer had no available replica: counted exactly
 * while the outage lasts, seeded from the publisher's remembered publishes when the outage starts so
 * that a publish seen before the outage's watch record still counts.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class QueueState {
    public long consumerDownSince;
    public long publishedWhileDown;
    public long firstPublishWhileDown;
    public long lastPublishWhileDown;
}
