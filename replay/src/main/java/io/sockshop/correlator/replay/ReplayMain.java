package io.sockshop.correlator.replay;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.app.AppTopologyLoader;
import org.apache.kafka.clients.CommonClientConfigs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay tool's command line:
 * <pre>
 * record --bootstrap-servers HOST:PORT --topics T1,T2 [--from TIME] [--to TIME] [--out FILE]
 * play   --bootstrap-servers HOST:PORT --in FILE [--prefix replay.] [--speed 0|1|10]
 * verify --in FILE (--golden FILE | --write-golden FILE) [--topology FILE] [--ignore /pointer,...]
 * </pre>
 * Exit status 0 on success (for verify: the findings match the golden file), 1 when the command ran
 * and failed (for verify: a difference, printed), 2 for bad usage.
 */
public final class ReplayMain {

    private ReplayMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            return usage("a command is required");
        }
        Map<String, String> options;
        try {
            options = options(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        try {
            return switch (args[0]) {
                case "record" -> record(options);
                case "play" -> play(options);
                case "verify" -> verify(options);
                default -> usage("unknown command " + args[0]);
            };
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (RuntimeException e) {
            System.err.println("replay " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static int record(Map<String, String> options) {
        List<String> topics = List.of(required(options, "topics").split(","));
        Instant from = time(options, "from");
        Instant to = time(options, "to");
        String out = options.get("out");
        try (Writer writer = out == null
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
            long written = new Recorder(client(options)).record(topics, from, to, writer);
            System.err.println("recorded " + written + " records from " + topics + (out == null ? "" : " to " + out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        return 0;
    }

    private static int play(Map<String, String> options) {
        Path in = readable(options, "in");
        String prefix = options.getOrDefault("prefix", Player.DEFAULT_PREFIX);
        double speed;
        try {
            speed = Double.parseDouble(options.getOrDefault("speed", "0"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--speed must be a number (0: as fast as possible, 1: recorded speed)");
        }
        long produced = new Player(client(options)).play(RecordingFormat.read(in), prefix, speed);
        System.err.println("played " + produced + " records from " + in + " into topics prefixed '" + prefix + "'");
        return 0;
    }

    private static int verify(Map<String, String> options) {
        Path in = readable(options, "in");
        String golden = options.get("golden");
        String writeGolden = options.get("write-golden");
        if ((golden == null) == (writeGolden == null)) {
            throw new IllegalArgumentException("verify needs exactly one of --golden FILE and --write-golden FILE");
        }
        CorrelatorConfig config = CorrelatorConfig.defaults();
        if (options.containsKey("topology")) {
            config = config.withTopology(AppTopologyLoader.fromFile(readable(options, "topology")));
        }
        List<RecordedRecord> recording = RecordingFormat.read(in);
        long started = System.nanoTime();
        Verifier.Result result = new Verifier(config).run(recording);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf(java.util.Locale.ROOT, "verify: %d input records (%d other records skipped) in %.2f s (%.0f records/s), %d findings%n",
                result.inputRecords(), result.skippedRecords(), seconds, result.inputRecords() / Math.max(seconds, 1e-9),
                result.findings().size());
        if (writeGolden != null) {
            try {
                Files.write(Path.of(writeGolden), result.findings(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + writeGolden, e);
            }
            System.err.println("verify: wrote " + result.findings().size() + " findings to " + writeGolden);
            return 0;
        }
        List<String> expected;
        try {
            expected = Files.readAllLines(readable(options, "golden"), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + golden, e);
        }
        java.util.Set<String> ignored = options.containsKey("ignore")
                ? java.util.Set.of(options.get("ignore").split(",")) : java.util.Set.of();
        List<String> differences = FindingsDiff.compare(expected, result.findings(), ignored);
        if (differences.isEmpty()) {
            System.out.println("verify: OK, " + result.findings().size() + " findings match " + golden);
            return 0;
        }
        System.out.println("verify: " + differences.stream().filter(d -> !d.startsWith(" ")).count()
                + " difference(s) against " + golden + ":");
        differences.forEach(System.out::println);
        return 1;
    }

    private static Path readable(Map<String, String> options, String name) {
        Path path = Path.of(required(options, name));
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("--" + name + " " + path + " is not a readable file");
        }
        return path;
    }

    private static Map<String, Object> client(Map<String, String> options) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, required(options, "bootstrap-servers"));
        return config;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static Instant time(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + " must be an ISO 8601 instant such as 2025-11-05T20:43:00Z, was '" + value + "'");
        }
    }

    private static int usage(String problem) {
        System.err.println("replay: " + problem);
        System.err.println("usage: replay record --bootstrap-servers HOST:PORT --topics T1,T2 [--from TIME] [--to TIME] [--out FILE]");
        System.err.println("       replay play   --bootstrap-servers HOST:PORT --in FILE [--prefix replay.] [--speed 0|1|10]");
        System.err.println("       replay verify --in FILE (--golden FILE | --write-golden FILE) [--topology FILE] [--ignore /pointer,...]");
        return 2;
    }
}
