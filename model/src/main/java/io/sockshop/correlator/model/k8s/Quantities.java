package io.sockshop.correlator.model.k8s;

import java.math.BigDecimal;

/**
 * Kubernetes resource quantities ({@code "50m"}, {@code "0.5"}, {@code "128Mi"}, {@code "1G"},
 * {@code "1e3"}) as numbers. Invalid strings get an {@link IllegalArgumentException} naming them.
 */
public final class Quantities {

    private Quantities() {
    }

    /** CPU in millicores: {@code "50m"} is 50, {@code "0.5"} and {@code "500m"} are 500, {@code "2"} is 2000. */
    public static long cpuMillis(String quantity) {
        return parse(quantity).movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    /** Memory in bytes: {@code "128Mi"} is 134217728, {@code "1G"} is 10^9. */
    public static long bytes(String quantity) {
        return parse(quantity).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    /** The quantity in base units (cores, bytes) as an exact decimal. */
    public static BigDecimal parse(String quantity) {
        if (quantity == null || quantity.isBlank()) {
            throw new IllegalArgumentException("quantity must not be blank");
        }
        String q = quantity.trim();
        try {
            int end = q.length();
            while (end > 0 && Character.isLetter(q.charAt(end - 1))) {
                end--;
            }
            String number = q.substring(0, end);
            String suffix = q.substring(end);
            if (number.isEmpty() || !(Character.isDigit(number.charAt(0)) || number.charAt(0) == '.')) {
                throw new NumberFormatException();
            }
            if (suffix.isEmpty() && (number.contains("e") || number.contains("E"))) {
                return new BigDecimal(number);
            }
            // "1e3" ends in a digit; a letter-only suffix here is a unit such as "Mi" or "m".
            BigDecimal value = new BigDecimal(number);
            if (value.signum() < 0) {
                throw new IllegalArgumentException("quantity must not be negative: '" + quantity + "'");
            }
            return switch (suffix) {
                case "" -> value;
                case "n" -> value.movePointLeft(9);
                case "u" -> value.movePointLeft(6);
                case "m" -> value.movePointLeft(3);
                case "k" -> value.movePointRight(3);
                case "M" -> value.movePointRight(6);
                case "G" -> value.movePointRight(9);
                case "T" -> value.movePointRight(12);
                case "P" -> value.movePointRight(15);
                case "E" -> value.movePointRight(18);
                case "Ki" -> value.multiply(BigDecimal.valueOf(1L << 10));
                case "Mi" -> value.multiply(BigDecimal.valueOf(1L << 20));
                case "Gi" -> value.multiply(BigDecimal.valueOf(1L << 30));
                case "Ti" -> value.multiply(BigDecimal.valueOf(1L << 40));
                case "Pi" -> value.multiply(BigDecimal.valueOf(1L << 50));
                case "Ei" -> value.multiply(BigDecimal.valueOf(1L << 60));
                default -> throw new IllegalArgumentException("unknown quantity suffix '" + suffix + "' in '" + quantity + "'");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Kubernetes quantity: '" + quantity + "'");
        }
    }
}
