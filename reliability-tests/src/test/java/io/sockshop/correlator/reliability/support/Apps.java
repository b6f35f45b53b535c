package io.sockshop.correlator.reliability.support;

import java.nio.file.Path;

/** Where the packaged services are: {@code <module>/target/quarkus-app/quarkus-run.jar} of this checkout. */
public final class Apps {

    private Apps() {
    }

    public static Path jar(String module) {
        String root = System.getProperty("reliability.root", "..");
        return Path.of(root, module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
    }
}
