package io.sockshop.correlator.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded broker as a process: {@code --data-dir DIR --port N [--config key=value ...]}.
 * Prints one line {@code KAFKA_READY <bootstrap servers>} when it accepts clients, then runs until
 * it is terminated (Ctrl-C or SIGTERM stops it cleanly and keeps the data).
 */
public final class EmbeddedKafkaMain {

    public static final String READY_MARKER = "KAFKA_READY ";

    private EmbeddedKafkaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaBroker broker;
        try {
            broker = parse(args).build();
        } catch (IllegalArgumentException e) {
            System.err.println("embedded-kafka: " + e.getMessage());
            System.err.println("usage: EmbeddedKafkaMain [--data-dir DIR] [--port N] [--config key=value]...");
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "embedded-kafka-shutdown"));
        broker.start();
        System.out.println(READY_MARKER + broker.bootstrapServers() + " (data in " + broker.dataDirectory() + ")");
        System.out.flush();
        stopped.await();
    }

    static EmbeddedKafkaBroker.Builder parse(String[] args) {
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--data-dir" -> builder.dataDirectory(Path.of(value));
                case "--port" -> {
                    try {
                        builder.port(Integer.parseInt(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port must be a number, was '" + value + "'");
                    }
                }
                case "--config" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--config must be key=value, was '" + value + "'");
                    }
                    builder.brokerConfig(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return builder;
    }
}
