package io.sockshop.correlator.sandbox;

import java.util.Random;

/**
 * The sandbox's only source of randomness, seeded, so that a run with the same seed and the same
 * injections produces the same cluster and the same signals.
 */
public final class SimRandom {

    private static final char[] KUBE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Random random;

    public SimRandom(long seed) {
        this.random = new Random(seed);
    }

    public synchronized double nextDouble() {
        return random.nextDouble();
    }

    public synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public synchronized boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** A value around {@code mean}, spread by {@code relative} (0.1 = +/-10%), never negative. */
    public synchronized double around(double mean, double relative) {
        return Math.max(0, mean * (1 + relative * (random.nextDouble() * 2 - 1)));
    }

    /** Kubernetes' random name suffix alphabet (no vowels, no ambiguous digits). */
    public synchronized String kubeSuffix(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(KUBE_ALPHABET[random.nextInt(KUBE_ALPHABET.length)]);
        }
        return out.toString();
    }

    public synchronized String hex(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(HEX[random.nextInt(16)]);
        }
        return out.toString();
    }

    /** A Kubernetes-style uid. */
    public synchronized String uid() {
        return hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
    }

    /** Encodes a hash with Kubernetes' name alphabet, as pod-template-hash values look. */
    public static String kubeHash(long hash, int length) {
        StringBuilder out = new StringBuilder(length);
        long value = hash & Long.MAX_VALUE;
        for (int i = 0; i < length; i++) {
            out.append(KUBE_ALPHABET[(int) (value % KUBE_ALPHABET.length)]);
            value /= KUBE_ALPHABET.length;
        }
        return out.toString();
    }
}
