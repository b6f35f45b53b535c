package io.sockshop.correlator.api.trace;

import java.time.Instant;

/**
 * One log line as the order index keeps it: parsed once, message cut to a bounded length.
 *
 * @param eventId     the CloudEvents id of the Datadog log record ({@code dd-log/<id>})
 * @param application {@code <cluster>/<namespace>}, the record key
 * @param level       the application's level (INFO, WARN, ERROR) when the line has one; not Datadog's status
 * @param traceId     the Sleuth trace id, absent for lines outside a request
 * @param thread      the logging thread, e.g. {@code nio-8080-exec-3}
 * @param status      for STATUS lines, the new order status
 * @param authorised  for PAYMENT_RESPONSE lines, what payment answered
 */
public record LogLine(String eventId, String application, Instant time, String service, String pod, String level,
                      String traceId, String thread, LineKind kind, String status, Boolean authorised,
                      String message) {
}
