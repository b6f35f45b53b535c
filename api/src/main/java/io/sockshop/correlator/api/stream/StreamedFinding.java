package io.sockshop.correlator.api.stream;

import io.sockshop.correlator.model.finding.Finding;

/**
 * One finding as the stream keeps it: where it sits in the topic, the decoded finding for
 * filtering, and its CloudEvent already encoded as one line of JSON, shared by every client.
 */
public record StreamedFinding(long sequence, int partition, long offset, Finding finding, String json) {
}
