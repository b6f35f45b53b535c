package io.sockshop.correlator.sandbox.logs;

import io.sockshop.correlator.sandbox.SimRandom;
import io.sockshop.correlator.sandbox.behaviour.ShopState;
import io.sockshop.correlator.sandbox.k8s.ContainerRuntime;
import io.sockshop.correlator.sandbox.k8s.PodRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the shop logs when nobody shops: the Go services' health checks on stderr (so Datadog calls
 * them errors) about every 20 seconds, and the RabbitMQ exporter's "Metrics updated" about every
 * 95 seconds. A service that is down goes silent.
 */
public final class BackgroundLogs {

    private record Health(String caller, String result, double micros) {
    }

    private static final Map<String, Health> HEALTH = Map.of(
            "catalogue", new Health("logging.go:81", "2", 22),
            "payment", new Health("logging.go:36", "1", 9),
            "user", new Health("middlewares.go:153", "2", 650));

    private final PodLogger logger;
    private final SimRandom random;
    private final Map<String, Instant> next = new HashMap<>();

    public BackgroundLogs(PodLogger logger, SimRandom random) {
        this.logger = logger;
        this.random = random;
    }

    public void step(ShopState state) {
        HEALTH.forEach((service, health) -> {
            PodRecord pod = state.readyPod(service);
            if (pod != null && due(service, state.now(), 20)) {
                Duration took = Duration.ofNanos((long) (random.around(health.micros(), 0.4) * 1000));
                logger.log(pod, pod.mainContainer(), PodLogger.Stream.STDERR, state.now(), LogFormats.goKit(state.now(),
                        health.caller(), "method=Health result=" + health.result() + " took=" + LogFormats.goDuration(took)),
                        state.now());
            }
        });
        PodRecord rabbit = state.readyPod("rabbitmq");
        if (rabbit != null && rabbit.containers().size() > 1 && due("rabbitmq-exporter", state.now(), 95)) {
            ContainerRuntime exporter = rabbit.containers().get(1);
            logger.log(rabbit, exporter, PodLogger.Stream.STDERR, state.now(), LogFormats.exporter(state.now(),
                    Duration.ofMillis((long) random.around(18, 0.3))), state.now());
        }
    }

    private boolean due(String key, Instant now, int periodSeconds) {
        Instant when = next.get(key);
        if (when == null) {
            next.put(key, now.plusSeconds(random.nextInt(periodSeconds)));
            return false;
        }
        if (now.isBefore(when)) {
            return false;
        }
        next.put(key, now.plusSeconds(periodSeconds - 2 + random.nextInt(5)));
        return true;
    }
}
