package io.sockshop.correlator.sandbox;

import io.sockshop.correlator.sandbox.k8s.ScalingWording;
import io.sockshop.correlator.sandbox.logs.ServiceNaming;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox as a process. Prints {@code SANDBOX_READY kubernetes=<url> datadog=<url>} when
 * both APIs accept clients, then ticks on the wall clock until terminated.
 */
public final class SandboxMain {

    public static final String READY_MARKER = "SANDBOX_READY ";

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SandboxSettings settings;
        Path kubeconfig;
        try {
            Options options = parse(args);
            settings = options.settings();
            kubeconfig = options.kubeconfig();
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox: " + e.getMessage());
            System.err.println("usage: SandboxMain [--kubernetes-port N] [--datadog-port N] [--seed N] [--probe-delay-scale X]"
                    + " [--metric-interval SECONDS] [--scaling-wording legacy|to_from|from_to]"
                    + " [--service-naming short_image|annotated] [--kubeconfig-out FILE]");
            System.exit(2);
            return;
        }
        Sandbox sandbox = Sandbox.start(settings, Clock.systemUTC()).run();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        if (kubeconfig != null) {
            sandbox.writeKubeconfig(kubeconfig);
        }
        System.out.println(READY_MARKER + "kubernetes=" + sandbox.kubernetesUrl() + " datadog=" + sandbox.datadogUrl());
        System.out.flush();
        stopped.await();
    }

    record Options(SandboxSettings settings, Path kubeconfig) {
    }

    static Options parse(String[] args) {
        SandboxSettings settings = SandboxSettings.defaults();
        Path kubeconfig = null;
        int kubernetesPort = 0;
        int datadogPort = 0;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--kubernetes-port" -> kubernetesPort = port(option, value);
                case "--datadog-port" -> datadogPort = port(option, value);
                case "--seed" -> settings = settings.withSeed(number(option, value));
                case "--probe-delay-scale" -> settings = settings.withProbeDelayScale(decimal(option, value));
                case "--metric-interval" -> settings = settings.withMetricInterval(Duration.ofSeconds(number(option, value)));
                case "--scaling-wording" -> settings = settings.withWording(choice(ScalingWording.class, option, value));
                case "--service-naming" -> settings = settings.withNaming(choice(ServiceNaming.class, option, value));
                case "--kubeconfig-out" -> kubeconfig = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new Options(settings.withPorts(kubernetesPort, datadogPort), kubeconfig);
    }

    private static int port(String option, String value) {
        long port = number(option, value);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " must be between 0 and 65535, was " + value);
        }
        return (int) port;
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
        }
    }

    private static double decimal(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was '" + value + "'");
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String option, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()
                    + ", was '" + value + "'");
        }
    }
}
