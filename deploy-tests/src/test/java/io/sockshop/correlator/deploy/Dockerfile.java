package io.sockshop.correlator.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile's instructions, continuation lines joined and comments dropped. */
final class Dockerfile {

    record Instruction(String keyword, String arguments) {
    }

    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    final String path;
    final List<Instruction> instructions;

    private Dockerfile(String path, List<Instruction> instructions) {
        this.path = path;
        this.instructions = instructions;
    }

    static Dockerfile read(String path) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repository.read(path).split("\n")) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            int space = text.indexOf(' ');
            instructions.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT),
                    text.substring(space + 1).strip()));
            current.setLength(0);
        }
        return new Dockerfile(path, instructions);
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    String last(String keyword) {
        List<String> all = all(keyword);
        if (all.isEmpty()) {
            throw new AssertionError(path + " has no " + keyword);
        }
        return all.get(all.size() - 1);
    }

    /** Every ENV variable, later ones winning. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String arguments : all("ENV")) {
            Matcher m = ENV_PAIR.matcher(arguments);
            while (m.find()) {
                String value = m.group(2);
                env.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
            }
        }
        return env;
    }

    /** The sources of every COPY (not --from another stage). */
    List<String> copySources() {
        List<String> sources = new ArrayList<>();
        for (String arguments : all("COPY")) {
            List<String> words = new ArrayList<>(List.of(arguments.split("\\s+")));
            if (words.stream().anyMatch(w -> w.startsWith("--from"))) {
                continue;
            }
            words.removeIf(w -> w.startsWith("--"));
            sources.addAll(words.subList(0, words.size() - 1));
        }
        return sources;
    }
}
