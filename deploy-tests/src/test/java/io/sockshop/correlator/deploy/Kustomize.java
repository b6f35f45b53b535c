package io.sockshop.correlator.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization the way a user applies it: {@code kubectl kustomize DIR} (kubectl from
 * $KUBECTL or the PATH; .ci/run installs Debian's kubernetes-client where it is missing), else a
 * standalone {@code kustomize build DIR}.
 */
final class Kustomize {

    private Kustomize() {
    }

    static List<JsonNode> render(String directory) {
        Path dir = Repository.path(directory);
        List<String> command = new ArrayList<>();
        Optional<Path> kubectl = Optional.ofNullable(System.getenv("KUBECTL")).map(Path::of).or(() -> onPath("kubectl"));
        if (kubectl.isPresent()) {
            command.addAll(List.of(kubectl.get().toString(), "kustomize", dir.toString()));
        } else {
            Path kustomize = onPath("kustomize").orElseThrow(() -> new AssertionError(
                    "neither kubectl nor kustomize is installed: install kubectl (Debian: apt-get install "
                            + "kubernetes-client, as .ci/run does) or set KUBECTL to its path"));
            command.addAll(List.of(kustomize.toString(), "build", dir.toString()));
        }
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "): " + err.join());
            }
            return Yaml.all(out.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
