package io.sockshop.correlator.testkit;

/**
 * The one broker of this test JVM, started on first use and stopped when the JVM exits. Plain JUnit
 * tests get it through {@link WithKafka}; Quarkus tests call {@link #get()} from a test resource.
 */
public final class SharedKafkaBroker {

    private static KafkaBroker broker;

    private SharedKafkaBroker() {
    }

    public static synchronized KafkaBroker get() {
        if (broker == null) {
            KafkaBroker started = BrokerSelector.start(System.getenv(), BrokerSelector::dockerReachable);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-kafka-broker-shutdown"));
            System.out.println("[testkit] Kafka broker for tests: " + started.choice() + " at " + started.bootstrapServers());
            broker = started;
        }
        return broker;
    }
}
