package io.sockshop.correlator.engine.state;

import java.util.Arrays;

/**
 * The robust estimators every learned baseline uses, so that latency, CPU, memory and error rate agree on
 * what "normal" was: the median of per-slot means (a few odd slots do not move it) and the median
 * absolute deviation around it, scaled by 1.4826 so that it estimates a standard deviation for normal noise.
 */
public final class Robust {

    /** MAD x this estimates the standard deviation of normally distributed values. */
    public static final double MAD_TO_SIGMA = 1.4826;

    private Robust() {
    }

    /** Median of the first {@code n} values (sorts them in place); NaN when n is 0. */
    public static double median(double[] values, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(values, 0, n);
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** Scaled median absolute deviation of the first {@code n} values around {@code median}; 0 when n is 0. */
    public static double sigma(double[] values, int n, double median) {
        if (n == 0) {
            return 0;
        }
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(values[i] - median);
        }
        return MAD_TO_SIGMA * median(dev, n);
    }

    /** The value at quantile {@code q} (0..1) of the first {@code n} values, nearest rank below; NaN when n is 0. */
    public static double quantile(double[] values, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(values, 0, n);
        return values[(int) Math.floor(q * (n - 1))];
    }
}
