package io.sockshop.correlator.injector.load;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load generator: a ConfigMap holding the Sock Shop locustfile and a Job running Locust headless
 * against it. Both carry the injector's labels, so {@code kubectl delete job,configmap -l
 * app.kubernetes.io/managed-by=sockshop-correlator-injector} removes every leftover.
 */
public final class LocustLoad {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "sockshop-correlator-injector";
    public static final String RUN_LABEL = "sockshop-correlator.io/run-id";
    public static final String SCENARIO_LABEL = "sockshop-correlator.io/scenario";
    public static final String LOCUSTFILE = "locustfile.py";

    /** Locust stops by itself at its run time; the Job's deadline is a backstop if the injector is gone. */
    private static final long DEADLINE_MARGIN_SECONDS = 120;
    private static final String MOUNT = "/mnt/locust";

    private final LoadSettings settings;
    private final String locustfile;

    public LocustLoad(LoadSettings settings) {
        this.settings = settings;
        this.locustfile = readLocustfile();
    }

    public ConfigMap configMap(LoadSpec spec) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(spec.configMapName())
                .withNamespace(spec.namespace())
                .withLabels(labels(spec))
                .endMetadata()
                .withData(Map.of(LOCUSTFILE, locustfile))
                .build();
    }

    public Job job(LoadSpec spec) {
        long runSeconds = Math.max(1, spec.runTime().toSeconds());
        return new JobBuilder()
                .withNewMetadata()
                .withName(spec.jobName())
                .withNamespace(spec.namespace())
                .withLabels(labels(spec))
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(runSeconds + DEADLINE_MARGIN_SECONDS)
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(spec)).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("locust")
                .withImage(settings.image())
                .withArgs(List.of("-f", MOUNT + "/" + LOCUSTFILE, "--headless",
                        "--users", Integer.toString(spec.users()),
                        "--spawn-rate", rate(spec.spawnRate()),
                        "--run-time", runSeconds + "s",
                        "--host", spec.host(),
                        "--only-summary"))
                .addNewEnv().withName("SOCKSHOP_USERNAME").withValue(settings.username()).endEnv()
                .addNewEnv().withName("SOCKSHOP_PASSWORD").withValue(settings.password()).endEnv()
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity("200m"), "memory", new Quantity("256Mi")))
                .endResources()
                .addNewVolumeMount().withName("locustfile").withMountPath(MOUNT).withReadOnly(true).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("locustfile")
                .withNewConfigMap().withName(spec.configMapName()).endConfigMap()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public String locustfile() {
        return locustfile;
    }

    private static Map<String, String> labels(LoadSpec spec) {
        return Map.of("app.kubernetes.io/name", "locust",
                MANAGED_BY_LABEL, MANAGED_BY,
                RUN_LABEL, spec.runId(),
                SCENARIO_LABEL, spec.scenarioId());
    }

    private static String rate(double spawnRate) {
        return spawnRate == Math.rint(spawnRate) ? Long.toString((long) spawnRate)
                : String.format(Locale.ROOT, "%s", spawnRate);
    }

    private static String readLocustfile() {
        try (InputStream in = LocustLoad.class.getResourceAsStream("/load/" + LOCUSTFILE)) {
            if (in == null) {
                throw new IllegalStateException("/load/" + LOCUSTFILE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
