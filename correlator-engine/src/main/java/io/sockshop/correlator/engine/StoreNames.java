package io.sockshop.correlator.engine;

/** State store names: shared constants, so tests and tools can look inside. */
public final class StoreNames {
    /** Key {@code <cluster>/<namespace>/<service>}: one service's state. */
    public static final String SERVICE_STATE = "service-state";
    /** Key {@code <cluster>/<namespace>}: watermark, queues, open incident keys, health marks. */
    public static final String APP_STATE = "app-state";
    /** Key {@code <cluster>/<namespace>|<signature>|<root cause>}: one open incident. */
    public static final String INCIDENTS = "open-incidents";
    /** Key {@code <cluster>/<namespace>}: injection runs and recent incidents of the application, for scoring. */
    public static final String SCORING = "scoring";

    private StoreNames() {
    }
}
