package io.sockshop.correlator.engine.stream;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write-back cache against the Kafka Streams in use: Kafka Streams must call its flushCache in
 * every commit (the test driver commits after each input record), so that each changed entry reaches
 * the store and the changelog once per commit, in its state at the commit, and deletes become tombstones.
 * Input {@code key=op,op,...}: {@code +N} adds N to the entry (put after each add), {@code del} deletes it.
 */
class WriteBackStoreTest {

    private static final String STORE = "counts";
    private static final String CHANGELOG = "write-back-test-" + STORE + "-changelog";

    /** Counts serialisations, to show an entry is written once per commit however often it is put. */
    private static final AtomicInteger SERIALISED = new AtomicInteger();

    static final class Counter {
        long value;
    }

    static final class CounterSerde implements Serde<Counter> {
        @Override
        public Serializer<Counter> serializer() {
            return (topic, c) -> {
                SERIALISED.incrementAndGet();
                return c == null ? null : Long.toString(c.value).getBytes();
            };
        }

        @Override
        public Deserializer<Counter> deserializer() {
            return (topic, b) -> {
                if (b == null) {
                    return null;
                }
                Counter c = new Counter();
                c.value = Long.parseLong(new String(b));
                return c;
            };
        }
    }

    /** Works as the signal processor does: mutates the object it got and puts it again after every change. */
    static final class Ops implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, Counter> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            for (String op : record.value().split(",")) {
                if (op.equals("del")) {
                    store.delete(record.key());
                    continue;
                }
                Counter c = store.get(record.key());
                if (c == null) {
                    c = new Counter();
                }
                c.value += Long.parseLong(op.substring(1));
                store.put(record.key(), c);
            }
        }
    }

    private static TopologyTestDriver driver(boolean persistent) {
        Topology t = new Topology();
        t.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "ops");
        t.addProcessor("ops", Ops::new, "in");
        t.addStateStore(WriteBackStore.builder(Stores.keyValueStoreBuilder(persistent
                ? Stores.persistentKeyValueStore(STORE) : Stores.inMemoryKeyValueStore(STORE),
                Serdes.String(), new CounterSerde())), "ops");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "write-back-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(t, p);
    }

    @Test
    void eachCommitWritesEachChangedEntryOnceInItsStateAtTheCommit() {
        for (boolean persistent : new boolean[] {false, true}) {
            try (TopologyTestDriver driver = driver(persistent)) {
                TestInputTopic<String, String> in = driver.createInputTopic("ops", Serdes.String().serializer(),
                        Serdes.String().serializer());
                TestOutputTopic<String, String> changelog = driver.createOutputTopic(CHANGELOG,
                        Serdes.String().deserializer(), Serdes.String().deserializer());
                SERIALISED.set(0);

                in.pipeInput("a", "+1,+2,+3");
                assertThat(changelog.readKeyValuesToList()).as("persistent=" + persistent).containsExactly(KeyValue.pair("a", "6"));
                assertThat(SERIALISED.get()).as("serialisations of one commit").isEqualTo(1);

                in.pipeInput("b", "+5");
                in.pipeInput("a", "+10");
                assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("b", "5"), KeyValue.pair("a", "16"));

                KeyValueStore<String, Counter> store = driver.getKeyValueStore(STORE);
                assertThat(store.get("a").value).isEqualTo(16);
                assertThat(store.get("b").value).isEqualTo(5);

                in.pipeInput("a", "+1,del");
                in.pipeInput("b", "del,+7");
                assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("a", null), KeyValue.pair("b", "7"));
                assertThat(store.get("a")).isNull();
                List<KeyValue<String, Counter>> all = new java.util.ArrayList<>();
                store.all().forEachRemaining(all::add);
                assertThat(all).extracting(kv -> kv.key + "=" + kv.value.value).containsExactly("b=7");
            }
        }
    }
}
