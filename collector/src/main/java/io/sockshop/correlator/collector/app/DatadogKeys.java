package io.sockshop.correlator.collector.app;

import io.sockshop.correlator.collector.datadog.Secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Datadog keys come only from the environment ({@code DD_API_KEY}, {@code DD_APP_KEY} or
 * {@code DD_APPLICATION_KEY}) or from a mounted secret directory (files {@code api-key} and
 * {@code application-key}), never from a properties file that could be committed or printed.
 */
final class DatadogKeys {

    record Keys(Secret apiKey, Secret applicationKey) {
    }

    private DatadogKeys() {
    }

    static Keys resolve(Map<String, String> env, Optional<Path> keysDir) {
        Secret api = Secret.of(env.get("DD_API_KEY"));
        Secret app = Secret.of(Optional.ofNullable(env.get("DD_APP_KEY")).orElse(env.get("DD_APPLICATION_KEY")));
        if (keysDir.isPresent()) {
            api = api != null ? api : file(keysDir.get().resolve("api-key"));
            app = app != null ? app : file(keysDir.get().resolve("application-key"));
        }
        String where = "set DD_API_KEY and DD_APP_KEY in the environment"
                + keysDir.map(d -> " or mount files api-key and application-key in " + d)
                .orElse(" or mount them as files api-key and application-key in collector.datadog.keys-dir");
        if (api == null && app == null) {
            throw new IllegalStateException("collector.datadog.enabled=true but the Datadog API key and application key "
                    + "are missing: " + where);
        }
        if (api == null) {
            throw new IllegalStateException("collector.datadog.enabled=true but the Datadog API key is missing: " + where);
        }
        if (app == null) {
            throw new IllegalStateException("collector.datadog.enabled=true but the Datadog application key is missing: " + where);
        }
        return new Keys(api, app);
    }

    private static Secret file(Path path) {
        try {
            return Files.isRegularFile(path) ? Secret.of(Files.readString(path)) : null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Datadog key file " + path + ": " + e.getMessage(), e);
        }
    }
}
