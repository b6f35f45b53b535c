package io.sockshop.correlator.injector.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sockshop.correlator.injector.run.Injector;
import io.sockshop.correlator.injector.run.RunListener;
import io.sockshop.correlator.model.injection.InjectionEvent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Prometheus metrics: {@code injector_events_total{phase,scenario}} for every published lifecycle
 * event (so runs started, completed, failed, aborted and restored can be read off it) and
 * {@code injector_active_targets}, the Deployments under an active run.
 */
@Singleton
public class InjectorMetrics implements RunListener {

    @Inject
    MeterRegistry registry;

    @Override
    public void published(InjectionEvent event) {
        Counter.builder("injector.events")
                .description("Injection lifecycle events published")
                .tag("phase", event.phase().name())
                .tag("scenario", event.scenarioId())
                .tag("dry_run", Boolean.toString(Boolean.TRUE.equals(event.dryRun())))
                .register(registry)
                .increment();
    }

    void watch(Injector injector) {
        Gauge.builder("injector.active.targets", injector, i -> i.activeTargets().size())
                .description("Deployments that are the target of an active (or unrestored) run")
                .register(registry);
    }
}
