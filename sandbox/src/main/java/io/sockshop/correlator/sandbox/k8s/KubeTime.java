package io.sockshop.correlator.sandbox.k8s;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Kubernetes writes object timestamps with second precision (RFC 3339), MicroTime with microseconds. */
final class KubeTime {

    private KubeTime() {
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String microTime(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        String text = micros.toString();
        // Kubernetes always writes six fractional digits in MicroTime.
        if (micros.getNano() == 0) {
            return text.replace("Z", ".000000Z");
        }
        String fraction = text.substring(text.indexOf('.') + 1, text.length() - 1);
        return text.substring(0, text.indexOf('.') + 1) + (fraction + "000000").substring(0, 6) + "Z";
    }
}
