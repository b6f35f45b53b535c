package io.sockshop.correlator.engine.normalize;

import io.sockshop.correlator.engine.state.AppState;
import io.sockshop.correlator.engine.state.ServiceState;

/** How the applier reaches state: one application's services and bookkeeping, read through a cache. */
public interface StateAccess {
    ServiceState service(String name);

    AppState app();
}
