package io.sockshop.correlator.reliability.support;

import io.sockshop.correlator.engine.app.AppTopologyLoader;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.engine.fixtures.Scenario;
import io.sockshop.correlator.model.finding.Signatures;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One of the guide's six incidents (or a calm stretch) as raw records for one application, with what
 * the correlator must find: the engine's fixtures, in the real formats, placed at any time 0 and in any
 * cluster, so that many applications and many episodes per application can run at once.
 */
public record GuideEpisode(String name, String signature, String rootCause,
                           BiFunction<Names, Instant, Scenario> script) {

    public static final List<GuideEpisode> SIX = List.of(
            new GuideEpisode("incident-1", Signatures.RESOURCE_EXHAUSTION_CRASH, "front-end", GuideIncidents::crashUnderLoad),
            new GuideEpisode("incident-2", Signatures.ENTRYPOINT_CRASH_BACKEND_LATENCY, "front-end", GuideIncidents::hybrid),
            new GuideEpisode("incident-4", Signatures.LATENCY_DEGRADATION, "front-end", GuideIncidents::pureLatency),
            new GuideEpisode("incident-3", Signatures.DEPENDENCY_DOWN_INCONSISTENCY, "payment", GuideIncidents::paymentDown),
            new GuideEpisode("incident-5", Signatures.PUBLISHER_ACTIVE_CONSUMER_ABSENT, "queue-master", GuideIncidents::consumerDown),
            new GuideEpisode("incident-8", Signatures.DATASTORE_THROTTLE_CASCADE, "catalogue-db", GuideIncidents::datastoreThrottle));

    /** Steady traffic only: the correlator must find nothing. */
    public static final GuideEpisode CALM = new GuideEpisode("calm", null, null,
            (names, t0) -> {
                var f = new io.sockshop.correlator.engine.fixtures.Fixtures(names, t0);
                return new Scenario(f).addAll(0, f.steadyCluster(0)).background(0, 1500);
            });

    /** Sock Shop's names in cluster {@code cluster}; {@code label} makes uids and log ids unique to one episode. */
    public static Names sockShop(String label, String cluster) {
        return new Names(label, cluster, "sock-shop", "sock-shop-", Map.of(), AppTopologyLoader.SOCK_SHOP_RESOURCE);
    }

    public Scenario scenario(Names names, Instant t0) {
        return script.apply(names, t0);
    }

    /** The incident this episode must give, as "signature/root cause"; null for a calm one. */
    public String expected() {
        return signature == null ? null : signature + "/" + rootCause;
    }
}
