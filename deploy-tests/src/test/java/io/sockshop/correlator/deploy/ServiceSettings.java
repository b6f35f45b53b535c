package io.sockshop.correlator.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service module reads from its configuration, from its own files: the keys of its
 * application.properties and the environment variables they reference, its {@code @ConfigMapping}
 * interfaces and {@code @ConfigProperty} names, and the environment variable names its document in
 * docs/ spells out (those it reads with {@code System.getenv}, like {@code DD_API_KEY}).
 */
final class ServiceSettings {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern DOCUMENTED_ENV = Pattern.compile("`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|KUBECONFIG)`");

    final String module;
    final Properties properties;
    final List<String> propertyPatterns;
    final Set<String> referencedEnv;
    final Set<String> documentedEnv;

    private ServiceSettings(String module, Properties properties, List<String> propertyPatterns,
                            Set<String> referencedEnv, Set<String> documentedEnv) {
        this.module = module;
        this.properties = properties;
        this.propertyPatterns = propertyPatterns;
        this.referencedEnv = referencedEnv;
        this.documentedEnv = documentedEnv;
    }

    static ServiceSettings of(String module) {
        String propertiesText = Repository.read(module + "/src/main/resources/application.properties");
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(propertiesText));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> patterns = new ArrayList<>();
        properties.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(patterns::add);
        Set<String> referenced = new TreeSet<>();
        Matcher reference = ENV_REFERENCE.matcher(propertiesText);
        while (reference.find()) {
            referenced.add(reference.group(1));
        }
        try (Stream<Path> sources = Files.walk(Repository.path(module + "/src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                ConfigMappingSource.properties(code).ifPresent(patterns::addAll);
                Matcher property = CONFIG_PROPERTY.matcher(code);
                while (property.find()) {
                    patterns.add(property.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sources of " + module, e);
        }
        Set<String> documented = new TreeSet<>();
        String doc = "docs/" + module + ".md";
        if (Repository.exists(doc)) {
            Matcher env = DOCUMENTED_ENV.matcher(Repository.read(doc));
            while (env.find()) {
                documented.add(env.group(1));
            }
        }
        return new ServiceSettings(module, properties, patterns, referenced, documented);
    }

    /** Why the service reads this environment variable, or empty when it does not read it at all. */
    Optional<String> reads(String env) {
        for (String pattern : propertyPatterns) {
            if (EnvNames.pattern(pattern).matcher(env).matches()) {
                return Optional.of("setting " + pattern);
            }
        }
        if (referencedEnv.contains(env)) {
            return Optional.of("referenced by application.properties");
        }
        if (documentedEnv.contains(env)) {
            return Optional.of("documented in docs/" + module + ".md");
        }
        return Optional.empty();
    }

    /** The HTTP port the service listens on (quarkus.http.port). */
    int httpPort() {
        String port = properties.getProperty("quarkus.http.port");
        if (port == null) {
            throw new AssertionError(module + "/src/main/resources/application.properties sets no quarkus.http.port");
        }
        return Integer.parseInt(port.trim());
    }

    /** The environment variables that carry the Kafka bootstrap servers to this service. */
    Set<String> kafkaBootstrapEnv() {
        Set<String> names = new TreeSet<>();
        propertyPatterns.stream().filter(p -> p.endsWith("bootstrap-servers") || p.endsWith("bootstrap.servers"))
                .filter(p -> !p.contains("*"))
                .forEach(p -> {
                    names.add(EnvNames.of(p));
                    String value = properties.getProperty(p, "");
                    Matcher reference = ENV_REFERENCE.matcher(value);
                    while (reference.find()) {
                        names.add(reference.group(1));
                    }
                });
        return names;
    }
}
