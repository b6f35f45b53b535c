package io.sockshop.correlator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results of a run: printed as lines while it goes, kept as JSON for docs/benchmarks.md. */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode root = JSON.createObjectNode();
    private final List<String> lines = new ArrayList<>();

    public ObjectNode section(String name) {
        return root.withObject("/" + name);
    }

    public ObjectNode root() {
        return root;
    }

    public void say(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        lines.add(line);
        System.out.println("[bench] " + line);
        System.out.flush();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static double round(double value, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(value * f) / f;
    }
}
