package io.sockshop.correlator.engine.normalize;

/** What applying a record changed, so the processor knows whether to evaluate the detectors now. */
public final class Changes {
    /** A change that can complete or end a signature: evaluate at once. */
    public boolean decisive;
    /** A gauge or latency sample: evaluate at the next evaluation interval. */
    public boolean gradual;
    /** Services whose state changed (their entries are written back). */
    public final java.util.Set<String> services = new java.util.LinkedHashSet<>();
    public boolean appState;

    public void touch(String service, boolean isDecisive) {
        services.add(service);
        if (isDecisive) {
            decisive = true;
        } else {
            gradual = true;
        }
    }

    public void clear() {
        decisive = false;
        gradual = false;
        services.clear();
        appState = false;
    }
}
