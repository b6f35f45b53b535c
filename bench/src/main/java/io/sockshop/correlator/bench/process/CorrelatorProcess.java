package io.sockshop.correlator.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A correlator in its own JVM, reading the raw topics of the broker: the packaged Quarkus service
 * ({@code correlator/target/quarkus-app/quarkus-run.jar}) or, for smoke tests, {@link EngineCorrelatorMain}.
 */
public final class CorrelatorProcess implements AutoCloseable {

    public enum Kind { SERVICE, ENGINE }

    private final JavaProcess process;
    private final String applicationId;
    private final Kind kind;

    private CorrelatorProcess(JavaProcess process, String applicationId, Kind kind) {
        this.process = process;
        this.applicationId = applicationId;
        this.kind = kind;
    }

    /**
     * Starts one instance and waits until it is running. Instances with the same application id share
     * the work (partitions) of one correlator.
     */
    public static CorrelatorProcess start(Kind kind, Path serviceJar, String name, String bootstrap, String applicationId,
                                          List<String> jvmArgs, Path workDir) {
        return start(kind, serviceJar, name, bootstrap, applicationId, "", jvmArgs, workDir);
    }

    /** As above, on the topics under {@code topicPrefix}. */
    public static CorrelatorProcess start(Kind kind, Path serviceJar, String name, String bootstrap, String applicationId,
                                          String topicPrefix, List<String> jvmArgs, Path workDir) {
        Path stateDir;
        try {
            stateDir = Files.createDirectories(workDir.resolve(name + "-state"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> jvm = new ArrayList<>(jvmArgs);
        if (kind == Kind.SERVICE) {
            if (serviceJar == null || !Files.isRegularFile(serviceJar)) {
                throw new IllegalArgumentException("the packaged correlator " + serviceJar + " is missing: run "
                        + "mvn -B -ntp -pl correlator -am package -DskipTests (bench.sh does), or use --correlator engine");
            }
            int port = freePort();
            jvm.add("-Dquarkus.kafka-streams.bootstrap-servers=" + bootstrap);
            jvm.add("-Dquarkus.kafka-streams.application-id=" + applicationId);
            jvm.add("-Dkafka-streams.state.dir=" + stateDir);
            jvm.add("-Dquarkus.http.port=" + port);
            jvm.add("-Dcorrelator.create-topics=false");
            jvm.add("-Dcorrelator.topic-prefix=" + topicPrefix);
            JavaProcess p = JavaProcess.start(name, jvm, List.of("-jar", serviceJar.toString()), workDir);
            CorrelatorProcess c = new CorrelatorProcess(p, applicationId, kind);
            c.awaitReady(port);
            return c;
        }
        JavaProcess p = JavaProcess.start(name, jvm, List.of("-cp", System.getProperty("java.class.path"),
                EngineCorrelatorMain.class.getName(), bootstrap, applicationId, stateDir.toString(), topicPrefix), workDir);
        p.awaitLine(l -> l.contains(EngineCorrelatorMain.READY), Duration.ofMinutes(3));
        return new CorrelatorProcess(p, applicationId, kind);
    }

    private void awaitReady(int port) {
        awaitHttpOk(process, "http://localhost:" + port + "/q/health/ready", Duration.ofMinutes(3));
    }

    /** Waits until the URL answers 200, failing early if the process dies. */
    public static void awaitHttpOk(JavaProcess process, String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = URI.create(url);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process exited during start-up; see " + process.log() + "\n" + process.tail());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            JavaProcess.pause(200);
        }
        throw new IllegalStateException(url + " did not answer 200 within " + timeout + "; see " + process.log());
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JavaProcess process() {
        return process;
    }

    public String applicationId() {
        return applicationId;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public void close() {
        process.close();
    }
}
