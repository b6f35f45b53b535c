package io.sockshop.correlator.collector.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The collector's only way into Kafka: a bounded in-memory buffer drained by one thread into an
 * idempotent, transactional producer ({@code acks=all}). Each transaction holds whole publications
 * (records plus the checkpoints that cover them), so what a restart reads back from the checkpoint
 * topic is exactly what was committed.
 *
 * <p>While Kafka is unavailable publications wait in the buffer and {@link #healthy()} is false.
 * Past the budget, {@link #offer} drops the publication, says so loudly and counts it; pollers use
 * {@link #publishAndAwait}, which waits for room instead, because what they read stays in Datadog.
 */
public final class TransactionalPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TransactionalPublisher.class);
    private static final int MAX_BATCH_RECORDS = 2_000;

    private final Map<String, Object> producerConfig;
    private final long budgetBytes;
    private final Duration retryBackoff;
    private final Function<Map<String, Object>, Producer<String, byte[]>> producerFactory;
    private final MeterRegistry registry;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition spaceFreed = lock.newCondition();
    private final ArrayDeque<Publication> buffer = new ArrayDeque<>();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final CompletableFuture<Void> initialized = new CompletableFuture<>();
    private final Thread sender;

    private volatile boolean closed;
    private volatile boolean healthy;
    private volatile String fatal;
    private volatile String lastError;
    private Producer<String, byte[]> producer;

    public TransactionalPublisher(KafkaSettings settings, MeterRegistry registry) {
        this(settings, registry, KafkaProducer::new);
    }

    TransactionalPublisher(KafkaSettings settings, MeterRegistry registry,
                           Function<Map<String, Object>, Producer<String, byte[]>> producerFactory) {
        this.producerConfig = producerConfig(settings);
        this.budgetBytes = settings.bufferBudgetBytes();
        this.retryBackoff = settings.retryBackoff();
        this.producerFactory = producerFactory;
        this.registry = registry;
        Gauge.builder("collector.buffer.bytes", bufferedBytes, AtomicLong::get)
                .description("bytes waiting for Kafka in the collector's buffer").register(registry);
        Gauge.builder("collector.buffer.budget.bytes", () -> budgetBytes)
                .description("the buffer's memory budget").register(registry);
        this.sender = new Thread(this::run, "collector-kafka-sender");
        this.sender.setDaemon(true);
    }

    static Map<String, Object> producerConfig(KafkaSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A logs checkpoint carries the ids seen in the overlap window: allow it beyond the 1 MiB default.
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        return config;
    }

    public TransactionalPublisher start() {
        sender.start();
        return this;
    }

    /** Completes once the transactional producer is initialised, i.e. any transaction a predecessor left open is aborted. */
    public CompletableFuture<Void> initialized() {
        return initialized;
    }

    /** Kafka accepted the last transaction (or the producer is initialised and idle). */
    public boolean healthy() {
        return healthy && fatal == null;
    }

    /** A condition the collector cannot recover from by itself (fenced by another instance, not authorised). */
    public String fatal() {
        return fatal;
    }

    public String lastError() {
        return lastError;
    }

    public long bufferedBytes() {
        return bufferedBytes.get();
    }

    /**
     * Enqueues without blocking (safe on informer and event-loop threads). Returns false when the
     * budget is exhausted: the publication is dropped, its {@code onDropped} runs and the drop is logged and counted.
     */
    public boolean offer(Publication publication) {
        long size = publication.sizeBytes();
        lock.lock();
        try {
            if (!closed && bufferedBytes.get() + size <= budgetBytes) {
                enqueue(publication, size);
                return true;
            }
        } finally {
            lock.unlock();
        }
        drop(publication, closed ? "the collector is shutting down" : "buffer budget of " + budgetBytes
                + " bytes exhausted while Kafka is unavailable (" + lastError + ")");
        return false;
    }

    /** Waits for room, enqueues, and waits until the transaction holding it is committed. */
    public void publishAndAwait(Publication publication) throws InterruptedException {
        long size = Math.min(publication.sizeBytes(), budgetBytes);
        lock.lockInterruptibly();
        try {
            while (!closed && bufferedBytes.get() + size > budgetBytes && !buffer.isEmpty()) {
                spaceFreed.await(1, TimeUnit.SECONDS);
            }
            if (closed) {
                throw new InterruptedException("publisher closed");
            }
            enqueue(publication, publication.sizeBytes());
        } finally {
            lock.unlock();
        }
        try {
            publication.committed().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    private void enqueue(Publication publication, long size) {
        buffer.addLast(publication);
        bufferedBytes.addAndGet(size);
        notEmpty.signal();
    }

    private void drop(Publication publication, String why) {
        Counter.builder("collector.records.dropped").tag("source", publication.source())
                .description("records dropped because the buffer budget was exhausted")
                .register(registry).increment(publication.records().size());
        LOG.errorf("DROPPED %d %s record(s): %s. Kubernetes objects are published again at the next resync; "
                        + "raise collector.kafka.buffer-budget or fix Kafka to avoid this.",
                publication.records().size(), publication.source(), why);
        publication.committed().completeExceptionally(new IllegalStateException("dropped: " + why));
        try {
            publication.onDropped().run();
        } catch (RuntimeException e) {
            LOG.warn("onDropped callback failed", e);
        }
    }

    private void run() {
        while (!closed || !isBufferEmpty()) {
            try {
                List<Publication> batch = nextBatch();
                if (batch.isEmpty()) {
                    if (closed) {
                        return;
                    }
                    ensureProducerQuietly();
                    continue;
                }
                deliver(batch);
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("unexpected error in the Kafka sender; retrying", e);
            }
        }
    }

    private boolean isBufferEmpty() {
        lock.lock();
        try {
            return buffer.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private List<Publication> nextBatch() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (buffer.isEmpty() && !closed) {
                notEmpty.await(1, TimeUnit.SECONDS);
            }
            List<Publication> batch = new ArrayList<>();
            int records = 0;
            while (!buffer.isEmpty() && (batch.isEmpty() || records + buffer.peekFirst().recordCount() <= MAX_BATCH_RECORDS)) {
                Publication next = buffer.pollFirst();
                records += next.recordCount();
                batch.add(next);
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void deliver(List<Publication> batch) throws InterruptedException {
        int attempt = 0;
        while (true) {
            if (fatal != null) {
                batch.forEach(p -> p.committed().completeExceptionally(new IllegalStateException(fatal)));
                release(batch);
                return;
            }
            try {
                ensureProducer();
                producer.beginTransaction();
                for (Publication publication : batch) {
                    publication.records().forEach(producer::send);
                    publication.checkpoints().forEach(producer::send);
                }
                commit();
                healthy = true;
                release(batch);
                batch.forEach(this::committed);
                return;
            } catch (ProducerFencedException | InvalidProducerEpochException | AuthorizationException
                     | UnsupportedVersionException e) {
                fatal = "Kafka refused the collector's transactional producer: " + e.getMessage()
                        + " (is another collector running with the same collector.kafka.transactional-id?)";
                LOG.error(fatal);
                closeProducer();
            } catch (KafkaException e) {
                failed(e);
                abortOrReset();
                if (closed && attempt > 2) {
                    LOG.warnf("giving up on %d publication(s) at shutdown: %s; they are not checkpointed and are "
                            + "read again after the restart", batch.size(), e.getMessage());
                    release(batch);
                    return;
                }
                pause(attempt++);
            }
        }
    }

    private void commit() throws InterruptedException {
        int attempt = 0;
        while (true) {
            try {
                producer.commitTransaction();
                return;
            } catch (TimeoutException e) {
                // The commit may already be on its way: retrying the same commit is the only safe move.
                failed(e);
                if (closed && attempt > 2) {
                    throw e;
                }
                pause(attempt++);
            }
        }
    }

    private void committed(Publication publication) {
        publication.typeCounts().forEach((type, count) -> Counter.builder("collector.records.published")
                .tag("source", publication.source()).tag("type", type)
                .description("records committed to Kafka, per source and type")
                .register(registry).increment(count));
        publication.committed().complete(null);
    }

    private void release(List<Publication> batch) {
        long bytes = batch.stream().mapToLong(Publication::sizeBytes).sum();
        lock.lock();
        try {
            bufferedBytes.addAndGet(-bytes);
            spaceFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void ensureProducerQuietly() {
        try {
            ensureProducer();
        } catch (KafkaException e) {
            failed(e);
            closeProducer();
            try {
                pause(0);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void ensureProducer() {
        if (producer != null || fatal != null) {
            return;
        }
        Producer<String, byte[]> created = producerFactory.apply(producerConfig);
        try {
            created.initTransactions();
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
        producer = created;
        healthy = true;
        initialized.complete(null);
        LOG.infof("transactional producer %s ready", producerConfig.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
    }

    private void abortOrReset() {
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            // A new producer with the same transactional id aborts whatever is left open.
            closeProducer();
        }
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException ignored) {
                // closing a broken producer
            }
            producer = null;
        }
    }

    private void failed(Exception e) {
        if (healthy || !String.valueOf(e.getMessage()).equals(lastError)) {
            LOG.warnf("Kafka unavailable: %s", e.getMessage());
        }
        healthy = false;
        lastError = e.getMessage();
    }

    private void pause(int attempt) throws InterruptedException {
        long millis = Math.min(retryBackoff.toMillis() << Math.min(attempt, 5), 30_000);
        Thread.sleep(millis);
    }

    /** Stops accepting, tries to deliver what is buffered within the timeout, then stops. */
    public void close(Duration timeout) {
        closed = true;
        lock.lock();
        try {
            notEmpty.signalAll();
            spaceFreed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            sender.join(timeout.toMillis());
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeProducer();
        lock.lock();
        try {
            buffer.forEach(p -> p.committed().completeExceptionally(new IllegalStateException("publisher closed")));
            buffer.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
