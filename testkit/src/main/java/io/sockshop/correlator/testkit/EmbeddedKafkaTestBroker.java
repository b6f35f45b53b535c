package io.sockshop.correlator.testkit;

import io.sockshop.correlator.kafka.EmbeddedKafkaBroker;

/** The in-JVM KRaft broker, in a temporary directory that is deleted on close. */
public final class EmbeddedKafkaTestBroker implements KafkaBroker {

    private final EmbeddedKafkaBroker broker;

    private EmbeddedKafkaTestBroker(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    public static EmbeddedKafkaTestBroker start() {
        return new EmbeddedKafkaTestBroker(EmbeddedKafkaBroker.builder().build().start());
    }

    /** The broker itself, for tests that stop and start it. */
    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public BrokerSelector.Choice choice() {
        return BrokerSelector.Choice.EMBEDDED;
    }

    @Override
    public void close() {
        broker.close();
    }
}
