package io.sockshop.correlator.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository under test: the checkout this module was built from. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        String root = System.getProperty("repository.root");
        Path path = root != null ? Path.of(root) : Path.of("..");
        return path.toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative, e);
        }
    }

    static boolean exists(String relative) {
        return Files.exists(path(relative));
    }

    /** The project version, for image tags. */
    static String projectVersion() {
        return System.getProperty("project.version", "0.1.0-SNAPSHOT");
    }

    /** The Kafka version of the project's clients, which the apache/kafka image must match. */
    static String kafkaVersion() {
        return System.getProperty("kafka.version", "4.1.2");
    }
}
