package io.sockshop.correlator.api.trace;

/** What a log line says about an order. */
public enum LineKind {
    /** {@code Order <id> status updated to <STATUS>} or {@code Order created with ID: <id>, status: CREATED}. */
    STATUS,
    /** orders' {@code Sending payment request: ...}. */
    PAYMENT_REQUEST,
    /** orders' {@code Received payment response: PaymentResponse{authorised=..., message=...}}. */
    PAYMENT_RESPONSE,
    /** An ERROR/WARN line, a connection refused, or {@code Unable to create order due to ...}. */
    ERROR,
    /** shipping's {@code Adding shipment to queue...} and queue-master's {@code Received shipment task}. */
    SHIPMENT,
    OTHER
}
