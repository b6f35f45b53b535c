package io.sockshop.correlator.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One page of incidents, newest first.
 *
 * @param total         incidents matching the filters, over all pages
 * @param nextPageToken pass as {@code pageToken} for the next page; absent on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentPage(List<IncidentSummary> items, int total, String nextPageToken) {
}
