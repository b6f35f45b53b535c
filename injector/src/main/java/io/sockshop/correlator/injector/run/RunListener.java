package io.sockshop.correlator.injector.run;

import io.sockshop.correlator.model.injection.InjectionEvent;

/** Hears every lifecycle event a run publishes (metrics, the command line's progress). */
public interface RunListener {

    void published(InjectionEvent event);

    RunListener NONE = event -> { };
}
