package io.sockshop.correlator.testkit;

/** A cluster someone else runs, named by {@code KAFKA_BOOTSTRAP_SERVERS}; closing it does nothing. */
public final class ExternalKafkaBroker implements KafkaBroker {

    private final String bootstrapServers;

    public ExternalKafkaBroker(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public BrokerSelector.Choice choice() {
        return BrokerSelector.Choice.EXTERNAL;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
