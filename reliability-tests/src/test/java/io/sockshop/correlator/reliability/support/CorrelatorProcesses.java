package io.sockshop.correlator.reliability.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The packaged correlator as a process, on topics of its own (a prefix) and a state directory given by the test. */
public final class CorrelatorProcesses {

    private CorrelatorProcesses() {
    }

    /**
     * The settings a test's correlator runs with. The consumer's session timeout is lowered to 6 s (the
     * broker's minimum): after a SIGKILL the group waits that long for the dead member, not 45 s.
     */
    public static Map<String, String> settings(String bootstrap, String prefix, String applicationId, Path stateDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.kafka-streams.bootstrap-servers", bootstrap);
        p.put("correlator.topic-prefix", prefix);
        p.put("quarkus.kafka-streams.application-id", applicationId);
        p.put("kafka-streams.state.dir", stateDir.toAbsolutePath().toString());
        p.put("kafka-streams.session.timeout.ms", "6000");
        p.put("kafka-streams.heartbeat.interval.ms", "1500");
        p.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        return p;
    }

    public static ServiceProcess start(String name, Map<String, String> settings) {
        return ServiceProcess.start(name, Apps.jar("correlator"), "512m", settings, Map.of())
                .awaitReady(Duration.ofMinutes(2));
    }
}
