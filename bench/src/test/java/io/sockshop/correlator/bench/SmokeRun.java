package io.sockshop.correlator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs BenchMain at smoke size (its own embedded broker, the engine runner as correlator) and reads its results. */
final class SmokeRun {

    private SmokeRun() {
    }

    static JsonNode run(Path work, String only) throws IOException {
        Path out = work.resolve("results.json");
        int status = BenchMain.run(new String[]{"--smoke", "--only", only, "--work", work.toString(), "--out", out.toString()});
        assertThat(status).as("bench exit status (see the [bench] lines and the logs in " + work + ")").isZero();
        return new ObjectMapper().readTree(out.toFile());
    }
}
