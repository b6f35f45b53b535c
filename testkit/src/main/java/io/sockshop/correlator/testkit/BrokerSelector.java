package io.sockshop.correlator.testkit;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Decides which real broker tests get, in this order:
 * <ol>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS} set: that cluster;</li>
 *   <li>else a Docker engine reachable: Testcontainers with the official {@code apache/kafka} image;</li>
 *   <li>else a KRaft broker in this JVM.</li>
 * </ol>
 */
public final class BrokerSelector {

    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    public enum Choice {
        EXTERNAL,
        TESTCONTAINERS,
        EMBEDDED
    }

    private BrokerSelector() {
    }

    public static Choice choose(Map<String, String> environment, BooleanSupplier dockerReachable) {
        String bootstrap = environment.get(BOOTSTRAP_ENV);
        if (bootstrap != null && !bootstrap.isBlank()) {
            return Choice.EXTERNAL;
        }
        return dockerReachable.getAsBoolean() ? Choice.TESTCONTAINERS : Choice.EMBEDDED;
    }

    /** Starts the chosen broker. */
    public static KafkaBroker start(Map<String, String> environment, BooleanSupplier dockerReachable) {
        return switch (choose(environment, dockerReachable)) {
            case EXTERNAL -> new ExternalKafkaBroker(environment.get(BOOTSTRAP_ENV).trim());
            case TESTCONTAINERS -> TestcontainersKafkaBroker.start();
            case EMBEDDED -> EmbeddedKafkaTestBroker.start();
        };
    }

    /** Whether Testcontainers finds a Docker engine; any failure to ask counts as no. */
    public static boolean dockerReachable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
