package io.sockshop.correlator.testkit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared test broker works for what the services need: plain produce and consume, transactions
 * with read_committed, and consumer-group commits. Runs against whichever broker {@link BrokerSelector}
 * picks: set KAFKA_BOOTSTRAP_SERVERS to run it against an external one.
 */
@WithKafka
class BrokerSmokeTest {

    @Test
    void usesTheBrokerTheSelectorChooses(KafkaBroker broker) {
        assertThat(broker.choice())
                .isEqualTo(BrokerSelector.choose(System.getenv(), BrokerSelector::dockerReachable));
        if (broker.choice() == BrokerSelector.Choice.EXTERNAL) {
            assertThat(broker.bootstrapServers()).isEqualTo(System.getenv(BrokerSelector.BOOTSTRAP_ENV).trim());
        }
    }

    @Test
    void produceAndConsume(KafkaBroker broker) throws Exception {
        BrokerSmokeChecks.plainProduceAndConsume(broker);
    }

    @Test
    void transactionalProduceAndReadCommitted(KafkaBroker broker) throws Exception {
        BrokerSmokeChecks.transactionsAndReadCommitted(broker);
    }

    @Test
    void consumerGroupCommit(KafkaBroker broker) throws Exception {
        BrokerSmokeChecks.consumerGroupCommit(broker);
    }

    @Test
    void sameBrokerForEveryTest(KafkaBroker first, KafkaBroker second) {
        assertThat(first).isSameAs(second).isSameAs(SharedKafkaBroker.get());
    }
}
