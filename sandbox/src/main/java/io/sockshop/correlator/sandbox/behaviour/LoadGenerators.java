package io.sockshop.correlator.sandbox.behaviour;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Locust load-generator Jobs the way Locust reads its own settings: the {@code LOCUST_USERS},
 * {@code LOCUST_SPAWN_RATE} and {@code LOCUST_RUN_TIME} environment variables or the
 * {@code -u/--users}, {@code -r/--spawn-rate}, {@code -t/--run-time} arguments; users ramp up at
 * the spawn rate from the moment the Job's pod starts.
 */
public final class LoadGenerators {

    /** One running load generator. */
    public record Load(int users, double spawnRate, Duration runTime) {
        /** Users active {@code elapsed} after the start. */
        public double usersAfter(Duration elapsed) {
            double spawned = spawnRate <= 0 ? users : spawnRate * elapsed.toMillis() / 1000.0;
            return Math.min(users, spawned);
        }
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)([hms])");

    private LoadGenerators() {
    }

    /** The Locust settings of a Job, if it runs Locust. */
    public static Optional<Load> locust(Job job) {
        List<Container> containers = job.getSpec().getTemplate().getSpec().getContainers();
        Optional<Container> locust = containers.stream().filter(LoadGenerators::isLocust).findFirst();
        if (locust.isEmpty()) {
            return Optional.empty();
        }
        Container container = locust.get();
        List<String> args = new ArrayList<>();
        if (container.getCommand() != null) {
            container.getCommand().forEach(c -> args.addAll(List.of(c.split("\\s+"))));
        }
        if (container.getArgs() != null) {
            container.getArgs().forEach(a -> args.addAll(List.of(a.split("\\s+"))));
        }
        int users = (int) number(env(container, "LOCUST_USERS").or(() -> argument(args, "-u", "--users")).orElse("1"));
        double spawnRate = number(env(container, "LOCUST_SPAWN_RATE").or(() -> argument(args, "-r", "--spawn-rate")).orElse("1"));
        Duration runTime = env(container, "LOCUST_RUN_TIME").or(() -> argument(args, "-t", "--run-time"))
                .map(LoadGenerators::duration).orElse(null);
        return Optional.of(new Load(users, spawnRate, runTime));
    }

    /** Locust's run time until the Job completes; null runs until the Job is deleted. */
    public static Duration runTime(Job job) {
        return locust(job).map(Load::runTime).orElse(Duration.ofSeconds(5));
    }

    /** Total users of all running load generators at {@code now}. */
    public static double users(List<Job> running, java.util.function.Function<Job, Optional<Instant>> startedAt,
                               Instant now) {
        double users = 0;
        for (Job job : running) {
            Optional<Load> load = locust(job);
            Optional<Instant> start = startedAt.apply(job);
            if (load.isPresent() && start.isPresent()) {
                users += load.get().usersAfter(Duration.between(start.get(), now));
            }
        }
        return users;
    }

    private static boolean isLocust(Container container) {
        return (container.getImage() != null && container.getImage().contains("locust"))
                || (container.getEnv() != null && container.getEnv().stream().anyMatch(e -> e.getName().startsWith("LOCUST_")));
    }

    private static Optional<String> env(Container container, String name) {
        if (container.getEnv() == null) {
            return Optional.empty();
        }
        return container.getEnv().stream().filter(e -> name.equals(e.getName())).map(EnvVar::getValue)
                .filter(v -> v != null && !v.isBlank()).findFirst();
    }

    private static Optional<String> argument(List<String> args, String shortName, String longName) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals(shortName) || arg.equals(longName)) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
            if (arg.startsWith(longName + "=")) {
                return Optional.of(arg.substring(longName.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Locust's run time format: 300s, 20m, 3h, 1h30m, or plain seconds. */
    static Duration duration(String text) {
        String t = text.trim();
        if (t.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        Duration total = Duration.ZERO;
        Matcher m = DURATION_PART.matcher(t);
        while (m.find()) {
            long amount = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
        }
        return total.isZero() ? null : total;
    }
}
