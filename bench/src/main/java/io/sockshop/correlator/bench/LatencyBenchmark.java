package io.sockshop.correlator.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sockshop.correlator.bench.kafka.Preloader;
import io.sockshop.correlator.bench.mix.AppSource;
import io.sockshop.correlator.bench.mix.RawRecord;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.Signatures;
import io.sockshop.correlator.model.kafka.Topics;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Benchmark 2: under steady background traffic of every application at a fixed rate (event time =
 * now, as live), the decisive records of guide incident 3 are appended for one application after
 * another, and the time from appending them to the OPEN finding being readable with
 * {@code read_committed} is recorded. Each incident uses an application of its own, which recovers
 * (payment back) once detected.
 */
public final class LatencyBenchmark {

    private LatencyBenchmark() {
    }

    /** Background load that keeps running until closed; memory is sampled while it runs. */
    public static final class Background implements AutoCloseable {
        private final List<AppSource> apps = new ArrayList<>();
        private final KafkaProducer<byte[], byte[]> producer;
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong sent = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final Instant t0;
        private final Map<Integer, Boolean> quiet = new ConcurrentHashMap<>();
        private final int rate;

        public Background(String bootstrap, int appCount, int rate) {
            this.t0 = Instant.now();
            this.rate = rate;
            for (int i = 0; i < appCount; i++) {
                apps.add(new AppSource(i, t0, 7));
            }
            producer = Preloader.producer(bootstrap);
            thread = new Thread(() -> loop(rate), "background-load");
            thread.setDaemon(true);
            thread.start();
        }

        double now() {
            return (System.currentTimeMillis() - t0.toEpochMilli()) / 1000.0;
        }

        AppSource app(int index) {
            return apps.get(index);
        }

        /** An application the background leaves alone while its incident's records are appended. */
        void hold(int index, boolean held) {
            if (held) {
                quiet.put(index, true);
            } else {
                quiet.remove(index);
            }
        }

        private void loop(int rate) {
            long interval = 1_000_000_000L / Math.max(1, rate);
            long next = System.nanoTime();
            int app = 0;
            while (running.get()) {
                long now = System.nanoTime();
                if (now < next) {
                    java.util.concurrent.locks.LockSupport.parkNanos(Math.min(next - now, 1_000_000));
                    continue;
                }
                // Catch up by sending, never by sleeping less: a fixed rate, not a fixed interval.
                while (next <= now && running.get()) {
                    app = (app + 1) % apps.size();
                    if (!quiet.containsKey(app)) {
                        AppSource s = apps.get(app);
                        synchronized (s) {
                            send(s.next(now()));
                        }
                    }
                    next += interval;
                }
            }
        }

        void send(CloudEvent<?> e) {
            RawRecord r = RawRecord.of(e, "");
            producer.send(new ProducerRecord<>(r.topic(), null, r.timestamp(), r.key(), r.value()), (m, ex) -> {
                if (ex != null) {
                    failure.compareAndSet(null, ex);
                }
            });
            sent.incrementAndGet();
        }

        public int rate() {
            return rate;
        }

        public long sent() {
            return sent.get();
        }

        public void check() {
            if (failure.get() != null) {
                throw new IllegalStateException("background load failed: " + failure.get(), failure.get());
            }
        }

        /** The first steady records of every application, so that each has its cluster before the incidents. */
        public void seedClusters() {
            double t = now();
            for (AppSource s : apps) {
                synchronized (s) {
                    s.steadyCluster(t).forEach(this::send);
                }
            }
            producer.flush();
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close();
        }
    }

    public record Result(double p50Ms, double p99Ms, double maxMs, int incidents, int missed) {
    }

    public static Result run(String bootstrap, BenchSettings s, Background background, Report report) {
        ObjectNode out = report.section("latency");
        int count = Math.min(s.incidents(), s.apps());
        Histogram histogram = new Histogram(60_000_000L, 3);
        Map<String, Long> pending = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        double loadBefore = Machine.load1();
        Thread reader = new Thread(() -> readFindings(bootstrap, pending, seenAt, reading), "findings-reader");
        reader.setDaemon(true);
        KafkaProducer<byte[], byte[]> decisive = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new ByteArraySerializer(), new ByteArraySerializer());
        reader.start();
        int missed = 0;
        try (decisive) {
            ThroughputBenchmark.pause(1000); // the reader is positioned at the end before the first incident
            List<Integer> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = (i * 7919) % s.apps(); // spread over applications and so over partitions
                while (started.contains(index)) {
                    index = (index + 1) % s.apps();
                }
                started.add(index);
                AppSource app = background.app(index);
                List<CloudEvent<?>> records;
                synchronized (app) {
                    records = app.paymentDown(background.now());
                }
                pending.put(app.application(), System.nanoTime());
                for (CloudEvent<?> e : records) {
                    RawRecord r = RawRecord.of(e, "");
                    decisive.send(new ProducerRecord<>(r.topic(), null, r.timestamp(), r.key(), r.value()));
                }
                decisive.flush();
                background.check();
                ThroughputBenchmark.pause(s.incidentSpacingMs());
                recover(background, seenAt.keySet(), started);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                ThroughputBenchmark.pause(100);
            }
            missed = pending.size();
            recover(background, seenAt.keySet(), started);
        } finally {
            reading.set(false);
        }
        seenAt.values().forEach(v -> histogram.recordValue(Math.max(1, v / 1000)));
        Result r = new Result(histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0, (int) histogram.getTotalCount(), missed);
        report.say("2. detection latency over %d incidents (%d missed) under %,d records/s background: p50 %.0f ms, p99 %.0f ms, max %.0f ms (target p99 < 500 ms; load average %.2f before, %.2f after)",
                r.incidents(), r.missed(), background.rate(), r.p50Ms(), r.p99Ms(), r.maxMs(), loadBefore, Machine.load1());
        out.put("incidents", r.incidents()).put("missed", r.missed()).put("backgroundRecordsPerSecond", background.rate())
                .put("p50Ms", Report.round(r.p50Ms(), 1)).put("p99Ms", Report.round(r.p99Ms(), 1))
                .put("maxMs", Report.round(r.maxMs(), 1)).put("loadBefore", loadBefore).put("loadAfter", Machine.load1());
        if (r.incidents() == 0) {
            throw new IllegalStateException("no incident was detected: the latency run measured nothing");
        }
        return r;
    }

    /** Applications whose incident was seen get payment back, once. */
    private static void recover(Background background, java.util.Set<String> seen, List<Integer> started) {
        for (int index : started) {
            AppSource app = background.app(index);
            synchronized (app) {
                if (app.isPaymentDown() && seen.contains(app.application())) {
                    app.paymentBack(background.now()).forEach(background::send);
                }
            }
        }
    }

    private static void readFindings(String bootstrap, Map<String, Long> pending, Map<String, Long> seenAt,
                                     AtomicBoolean reading) {
        try (KafkaConsumer<String, CloudEvent<Finding>> c = FindingsReader.consumer(bootstrap)) {
            String topic = Topics.FINDINGS.name();
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            c.seekToEnd(partitions);
            partitions.forEach(c::position);
            while (reading.get()) {
                for (ConsumerRecord<String, CloudEvent<Finding>> r : c.poll(Duration.ofMillis(20))) {
                    Finding f = r.value().data();
                    if (f.status().name().equals("OPEN") && Signatures.DEPENDENCY_DOWN_INCONSISTENCY.equals(f.signature().id())) {
                        Long t0 = pending.remove(f.application());
                        if (t0 != null) {
                            seenAt.put(f.application(), System.nanoTime() - t0);
                        }
                    }
                }
            }
        }
    }
}
