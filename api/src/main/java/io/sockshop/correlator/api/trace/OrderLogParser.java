package io.sockshop.correlator.api.trace;

import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.datadog.DatadogLog;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what matters for order traces out of a Datadog log line. Formats from the real Sock Shop
 * logs (docs: FORMATS.md section 2.1): Spring Boot with Sleuth,
 * {@code 2025-10-18 09:23:45.593  INFO [orders,a36be67a4ef5e635,d77bfb4d906439b0,false] 1 --- [nio-8080-exec-1] w.w.s.o.controllers.OrdersController     : Received payment response: ...},
 * and the status-lifecycle orders build the incident guide requires,
 * {@code Order 6900953ac1f4320001b50703 status updated to PAYMENT_FAILED}.
 */
public final class OrderLogParser {

    /** MongoDB ObjectIds: 24 hex digits, as Sock Shop's order and customer ids are. */
    private static final Pattern OBJECT_ID = Pattern.compile("(?<![0-9a-fA-F])([0-9a-f]{24})(?![0-9a-fA-F])");
    private static final Pattern ORDER_WORD = Pattern.compile("(?i)\\border");
    private static final Pattern SLEUTH = Pattern.compile("\\[([\\w.-]+),([0-9a-f]*),([0-9a-f]*),(?:true|false)?]");
    private static final Pattern LEVEL = Pattern.compile("^\\S+ \\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR)\\s");
    private static final Pattern THREAD = Pattern.compile(" --- \\[\\s*([^\\]]+)]");
    private static final Pattern STATUS_UPDATE =
            Pattern.compile("(?i)\\border\\s+([0-9a-f]{24})\\s+status\\s+(?:updated|changed|set)\\s+to\\s+([A-Z_]+)");
    private static final Pattern CREATED =
            Pattern.compile("(?i)\\border\\s+created\\s+with\\s+id:?\\s*([0-9a-f]{24})(?:.*?status:?\\s*([A-Z_]+))?");
    private static final Pattern PAYMENT_RESPONSE = Pattern.compile("Received payment response: .*?authorised=(true|false)");
    private static final Pattern FAILURE = Pattern.compile(
            "(?i)connection refused|unable to create order|exception|payment failed|timed? ?out");
    /** Order ids a line may name; more is a listing, not an order's line. */
    static final int MAX_IDS_PER_LINE = 4;

    private final int maxMessageChars;

    public OrderLogParser(int maxMessageChars) {
        this.maxMessageChars = maxMessageChars;
    }

    public LogLine parse(String application, CloudEvent<DatadogLog> event) {
        DatadogLog log = event.data();
        String message = log.message();
        String level = group(LEVEL, message, 1);
        Matcher sleuth = SLEUTH.matcher(message);
        String traceId = null;
        if (sleuth.find() && !sleuth.group(2).isEmpty()) {
            traceId = sleuth.group(2);
        }
        String thread = group(THREAD, message, 1);
        String service = log.service() != null ? log.service()
                : log.tag("service").or(() -> log.tag("kube_deployment")).orElse(event.subject());
        String pod = log.tag("pod_name").orElse(log.host());

        LineKind kind = LineKind.OTHER;
        String status = null;
        Boolean authorised = null;
        Matcher update = STATUS_UPDATE.matcher(message);
        Matcher created = CREATED.matcher(message);
        Matcher payment = PAYMENT_RESPONSE.matcher(message);
        if (update.find()) {
            kind = LineKind.STATUS;
            status = update.group(2).toUpperCase(Locale.ROOT);
        } else if (created.find()) {
            kind = LineKind.STATUS;
            status = created.group(2) == null ? "CREATED" : created.group(2).toUpperCase(Locale.ROOT);
        } else if (payment.find()) {
            kind = LineKind.PAYMENT_RESPONSE;
            authorised = Boolean.parseBoolean(payment.group(1));
        } else if (message.contains("Sending payment request")) {
            kind = LineKind.PAYMENT_REQUEST;
        } else if ("ERROR".equals(level) || "WARN".equals(level) || FAILURE.matcher(message).find()) {
            kind = LineKind.ERROR;
        } else if (message.contains("Adding shipment to queue") || message.contains("Received shipment task")) {
            kind = LineKind.SHIPMENT;
        }
        // A status line with a failure reason ("... PAYMENT_FAILED due to: Connection refused") stays a STATUS line.
        return new LogLine(event.id(), application, log.timestamp(), service, pod, level, traceId, thread, kind,
                status, authorised, cut(message));
    }

    /**
     * The order ids a line names: ObjectIds in a line that speaks of an order. Customer ids appear in
     * lines that speak of customers, cards and addresses, which are not indexed as orders.
     */
    public static Set<String> orderIds(String line) {
        String message = body(line);
        if (!ORDER_WORD.matcher(message).find()) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = OBJECT_ID.matcher(message);
        while (m.find() && ids.size() < MAX_IDS_PER_LINE) {
            if (!namesAnotherEntity(message, m.start())) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** The message of a Spring Boot line without its header, whose logger name ({@code OrdersController}) names no order. */
    static String body(String line) {
        Matcher header = THREAD.matcher(line);
        if (header.find()) {
            int separator = line.indexOf(" : ", header.end());
            if (separator >= 0) {
                return line.substring(separator + 3);
            }
        }
        return line;
    }

    /** {@code customers/<id>}, {@code "customerId":"<id>"}, {@code custId=<id>}, cards, addresses, carts. */
    private static boolean namesAnotherEntity(String message, int idStart) {
        String before = message.substring(Math.max(0, idStart - 16), idStart).toLowerCase(Locale.ROOT);
        return before.contains("cust") || before.contains("address") || before.contains("card")
                || before.contains("cart") || before.contains("user") || before.contains("item");
    }

    public static boolean isObjectId(String text) {
        return text != null && OBJECT_ID.matcher(text).matches();
    }

    private String cut(String message) {
        return message.length() > maxMessageChars ? message.substring(0, maxMessageChars) + "..." : message;
    }

    private static String group(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(group) : null;
    }
}
