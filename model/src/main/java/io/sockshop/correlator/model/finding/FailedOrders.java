package io.sockshop.correlator.model.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

import java.time.Instant;
import java.util.List;

/** Orders that ended in a failed state during the incident: how many, which, first and last. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailedOrders(Long count, List<String> ids, Instant first, Instant last) {
    public FailedOrders {
        Require.nonNull(count, "count");
        Require.nonNegative(count, "count");
        ids = Require.list(ids, "ids");
    }
}
