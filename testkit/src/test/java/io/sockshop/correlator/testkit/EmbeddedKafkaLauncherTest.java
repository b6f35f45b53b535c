package io.sockshop.correlator.testkit;

import io.sockshop.correlator.kafka.EmbeddedKafkaMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher runs the broker as its own process on a chosen port and data directory; tests reach
 * it the way they reach any external cluster (what KAFKA_BOOTSTRAP_SERVERS does), and it keeps the
 * data when it is stopped and started again.
 */
class EmbeddedKafkaLauncherTest {

    @Test
    void separateProcessServesTheSmokeChecksAndKeepsDataAcrossRestarts(@TempDir Path data) throws Exception {
        int port = freePort();
        String topic;
        Process first = launch(data, port);
        try {
            KafkaBroker external = new ExternalKafkaBroker("localhost:" + port);
            BrokerSmokeChecks.plainProduceAndConsume(external);
            BrokerSmokeChecks.transactionsAndReadCommitted(external);
            BrokerSmokeChecks.consumerGroupCommit(external);
            topic = external.createTopic("launcher-restart", 1, false);
            try (var producer = BrokerSmokeChecks.producer(external, java.util.Map.of())) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "k", "kept")).get();
            }
        } finally {
            stop(first);
        }
        assertThat(first.exitValue()).as("SIGTERM stops the broker cleanly").isIn(0, 143);

        Process second = launch(data, port);
        try {
            KafkaBroker external = new ExternalKafkaBroker("localhost:" + port);
            assertThat(BrokerSmokeChecks.readAll(external, topic, "read_committed", 1)).containsExactly("kept");
        } finally {
            stop(second);
        }
    }

    @Test
    void badArgumentsExitWithUsage() throws Exception {
        Process process = new ProcessBuilder(javaCommand("--port", "not-a-number"))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("--port must be a number, was 'not-a-number'").contains("usage:");
    }

    private static Process launch(Path data, int port) throws Exception {
        Process process = new ProcessBuilder(javaCommand("--data-dir", data.toString(), "--port", Integer.toString(port)))
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        CompletableFuture<String> ready = new CompletableFuture<>();
        // One thread owns the child's output for its whole life: it must never block on a full pipe.
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith(EmbeddedKafkaMain.READY_MARKER)) {
                        ready.complete(line);
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
            ready.complete(null);
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
        String line;
        try {
            line = ready.get(180, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            synchronized (output) {
                throw new AssertionError("the launcher was not ready within 180 s; its output: " + output, e);
            }
        }
        assertThat(line).as("launcher output: %s", output).isNotNull().contains("localhost:" + port);
        return process;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                EmbeddedKafkaMain.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
