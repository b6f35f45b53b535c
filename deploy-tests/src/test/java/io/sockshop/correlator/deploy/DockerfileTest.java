package io.sockshop.correlator.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images cannot be built here (no Docker engine). Each Quarkus service's Dockerfile is held to
 * what the module builds and serves: the fast-jar layout Quarkus writes to target/quarkus-app, the
 * HTTP port of its application.properties, its readiness endpoint, a pinned UBI OpenJDK 17 runtime
 * and an unprivileged user; the build context lets through exactly what the Dockerfile copies.
 */
class DockerfileTest {

    static final String BASE_IMAGE = "registry.access.redhat.com/ubi9/openjdk-17-runtime:";
    private static final Pattern HEALTH = Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+) .*GET (\\S+) HTTP/1\\.0");

    @ParameterizedTest
    @ValueSource(strings = {"api", "collector", "correlator", "injector"})
    void theQuarkusServiceImageRunsTheFastJarAsAnUnprivilegedUserAndChecksReadiness(String module) {
        Dockerfile dockerfile = Dockerfile.read(module + "/src/main/docker/Dockerfile.jvm");
        ServiceSettings settings = ServiceSettings.of(module);

        assertThat(dockerfile.all("FROM")).singleElement().satisfies(from -> {
            assertThat(from).startsWith(BASE_IMAGE);
            assertThat(from.substring(BASE_IMAGE.length())).as("a pinned tag").matches("\\d+\\.\\d+(\\.\\d+)?(-\\d+)?");
        });
        assertThat(dockerfile.last("USER")).as("runs as the image's unprivileged user").isEqualTo("185");
        assertThat(dockerfile.copySources()).containsExactly("target/quarkus-app/lib/", "target/quarkus-app/*.jar",
                "target/quarkus-app/app/", "target/quarkus-app/quarkus/");
        assertThat(dockerfile.env()).containsEntry("JAVA_APP_JAR", "/deployments/quarkus-run.jar");
        assertThat(dockerfile.env().get("JAVA_OPTS_APPEND")).contains("-Dquarkus.http.host=0.0.0.0")
                .contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        assertThat(dockerfile.last("ENTRYPOINT")).contains("/opt/jboss/container/java/run/run-java.sh");

        int port = settings.httpPort();
        assertThat(dockerfile.all("EXPOSE")).containsExactly(String.valueOf(port));
        Matcher health = HEALTH.matcher(dockerfile.last("HEALTHCHECK"));
        assertThat(health.find()).as("a health check over HTTP").isTrue();
        assertThat(Integer.parseInt(health.group(1))).isEqualTo(port);
        assertThat(health.group(2)).isEqualTo("/q/health/ready");

        String pom = Repository.read(module + "/pom.xml");
        assertThat(pom).as("Quarkus builds the application").contains("<artifactId>quarkus-maven-plugin</artifactId>")
                .contains("<goal>build</goal>").contains("quarkus-smallrye-health");
        assertThat(settings.properties.stringPropertyNames())
                .as("the fast-jar layout (no uber-jar, no other output directory)")
                .noneMatch(key -> key.startsWith("quarkus.package."));
        assertThat(Repository.read(module + "/.dockerignore").lines().filter(l -> !l.startsWith("#")).toList())
                .as("the build context holds the application only").containsExactly("*", "!target/quarkus-app/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo/src/main/docker/Dockerfile.sandbox"})
    void theSandboxImageRunsSandboxMainOnTheDemosClasspathAsAnUnprivilegedUser(String path) {
        Dockerfile dockerfile = Dockerfile.read(path);
        assertThat(dockerfile.all("FROM")).singleElement().satisfies(from -> assertThat(from).startsWith(BASE_IMAGE));
        assertThat(dockerfile.last("USER")).isEqualTo("185");
        assertThat(dockerfile.copySources()).containsExactly("target/lib/");
        assertThat(dockerfile.last("ENTRYPOINT")).contains("\"-cp\", \"/deployments/lib/*\"")
                .contains("io.sockshop.correlator.sandbox.SandboxMain");
        assertThat(dockerfile.last("HEALTHCHECK")).contains("GET /api/v1/namespaces/sock-shop HTTP/1.0");
        assertThat(Repository.read("demo/.dockerignore").lines().filter(l -> !l.startsWith("#")).toList())
                .containsExactly("*", "!target/lib/");
        List<String> cmd = List.of(dockerfile.last("CMD").replaceAll("[\\[\\]\",]", " ").trim().split("\\s+"));
        assertThat(cmd).contains("--kubernetes-port", "--datadog-port");
    }
}
