package io.sockshop.correlator.engine.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ScalingReplicaSet message in its three wordings across Kubernetes versions:
 * {@code Scaled down replica set X to 0}, {@code ... X to 1 from 2} and {@code ... X from 1 to 0}.
 */
public record ScalingMessage(boolean up, String replicaSet, int to, Integer from) {

    private static final Pattern MESSAGE = Pattern.compile(
            "Scaled (up|down) replica set (\\S+) (?:to (\\d+)(?: from (\\d+))?|from (\\d+) to (\\d+))");

    public static ScalingMessage parse(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = MESSAGE.matcher(message);
        if (!m.find()) {
            return null;
        }
        boolean up = m.group(1).equals("up");
        if (m.group(3) != null) {
            return new ScalingMessage(up, m.group(2), Integer.parseInt(m.group(3)),
                    m.group(4) == null ? null : Integer.parseInt(m.group(4)));
        }
        return new ScalingMessage(up, m.group(2), Integer.parseInt(m.group(6)), Integer.parseInt(m.group(5)));
    }
}
