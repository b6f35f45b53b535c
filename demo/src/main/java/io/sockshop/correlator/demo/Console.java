package io.sockshop.correlator.demo;

import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.Impact;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the demo tells its user: progress with elapsed time, and each finding as it arrives. */
public final class Console {

    private final PrintStream out;
    private final Instant started = Instant.now();

    public Console(PrintStream out) {
        this.out = out;
    }

    public synchronized void progress(String message) {
        long seconds = Duration.between(started, Instant.now()).toSeconds();
        out.printf(Locale.ROOT, "[%02d:%02d] %s%n", seconds / 60, seconds % 60, message);
        out.flush();
    }

    public synchronized void finding(Finding finding) {
        String root = finding.rootCause() == null ? "no root cause supported" : finding.rootCause().service();
        out.printf(Locale.ROOT, "        %-8s %-33s root cause %-13s %s%n", finding.status(), finding.signature().id(), root,
                finding.title());
        String impact = impact(finding.impact());
        if (!impact.isEmpty()) {
            out.printf(Locale.ROOT, "                 impact: %s%n", impact);
        }
        out.flush();
    }

    public synchronized void print(String text) {
        out.print(text);
        out.flush();
    }

    static String impact(Impact impact) {
        List<String> parts = new ArrayList<>();
        if (impact.restarts() != null) {
            parts.add(impact.restarts() + " restarts" + (impact.oomKills() != null ? " (" + impact.oomKills() + " OOMKilled)" : ""));
        }
        if (impact.failedOrders() != null) {
            parts.add(impact.failedOrders().count() + " failed orders" + (Boolean.TRUE.equals(impact.moneyAtRisk()) ? ", money at risk" : ""));
        }
        if (impact.errorCount() != null) {
            parts.add(impact.errorCount() + " errors");
        }
        if (impact.peakLatencyMs() != null) {
            parts.add(String.format(Locale.ROOT, "peak latency %.0f ms", impact.peakLatencyMs())
                    + (impact.baselineLatencyMs() != null ? String.format(Locale.ROOT, " (baseline %.0f ms)", impact.baselineLatencyMs()) : ""));
        }
        if (impact.messagesPublished() != null) {
            parts.add(impact.messagesPublished() + " messages published with no consumer");
        }
        if (impact.outageSeconds() != null) {
            parts.add(impact.outageSeconds() + " s outage");
        }
        return String.join(", ", parts);
    }
}
