package io.sockshop.correlator.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sockshop.correlator.bench.kafka.BenchTopics;
import io.sockshop.correlator.bench.kafka.Preloader;
import io.sockshop.correlator.bench.mix.SignalMix;
import io.sockshop.correlator.bench.process.CorrelatorProcess;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Benchmark 6: the same data set on two copies of the topics (prefixes {@code one.} and {@code two.},
 * six partitions), read by one correlator and by two instances of one correlator (same application id)
 * started together. The two instances must split the partitions and the findings must be the same,
 * incident by incident and revision by revision; the rates of both are reported side by side.
 */
public final class ScaleOutBenchmark {

    public record Result(boolean sameFindings, int findings, List<Integer> partitionsPerInstance, double oneRate,
                         double twoRate) {
    }

    private ScaleOutBenchmark() {
    }

    public static Result run(String bootstrap, BenchSettings s, int apps, long records, int partitions, Report report) {
        ObjectNode out = report.section("scaleOut");
        SignalMix mix = new SignalMix(apps, records, Instant.parse("2025-11-05T20:00:00Z"), 0.25, 5, 11);
        List<String> oneRaw = BenchTopics.rawTopics("one.");
        List<String> twoRaw = BenchTopics.rawTopics("two.");
        long total;
        try (BenchTopics topics = new BenchTopics(bootstrap)) {
            topics.createAll("one.", partitions);
            topics.createAll("two.", partitions);
            total = Preloader.load(bootstrap, mix.events(), "one.").records();
            Preloader.load(bootstrap, mix.events(), "two.");
        }
        double oneRate;
        try (BenchTopics topics = new BenchTopics(bootstrap);
             CorrelatorProcess one = CorrelatorProcess.start(s.correlator(), s.serviceJar(), "scale-one", bootstrap,
                     "bench-scale-one", "one.", s.childJvmArgs(), s.workDir())) {
            oneRate = ThroughputBenchmark.committedRate(topics, "bench-scale-one", oneRaw, total, one.process());
        }
        double twoRate;
        List<Integer> split;
        CompletableFuture<CorrelatorProcess> a = CompletableFuture.supplyAsync(() -> CorrelatorProcess.start(s.correlator(),
                s.serviceJar(), "scale-two-a", bootstrap, "bench-scale-two", "two.", s.childJvmArgs(), s.workDir()));
        CompletableFuture<CorrelatorProcess> b = CompletableFuture.supplyAsync(() -> CorrelatorProcess.start(s.correlator(),
                s.serviceJar(), "scale-two-b", bootstrap, "bench-scale-two", "two.", s.childJvmArgs(), s.workDir()));
        try (BenchTopics topics = new BenchTopics(bootstrap); CorrelatorProcess ia = a.join(); CorrelatorProcess ib = b.join()) {
            twoRate = ThroughputBenchmark.committedRate(topics, "bench-scale-two", twoRaw, total, ia.process());
            split = split(topics, "bench-scale-two", twoRaw.get(0));
        }
        Map<String, List<Finding>> oneFindings = byIncident(bootstrap, "one.");
        Map<String, List<Finding>> twoFindings = byIncident(bootstrap, "two.");
        int count = oneFindings.values().stream().mapToInt(List::size).sum();
        boolean same = oneFindings.equals(twoFindings);
        report.say("6. scale-out: %d applications on %d partitions; one instance %,.0f records/s, two instances (%s partitions of %s each) %,.0f records/s; findings %s (%d findings of %d incidents)",
                apps, partitions, oneRate, split, twoRaw.get(0), twoRate, same ? "identical" : "DIFFERENT", count,
                oneFindings.size());
        out.put("applications", apps).put("records", total).put("partitions", partitions)
                .put("oneInstanceRecordsPerSecond", Math.round(oneRate)).put("twoInstancesRecordsPerSecond", Math.round(twoRate))
                .put("partitionsPerInstance", split.toString()).put("sameFindings", same).put("findings", count)
                .put("incidents", oneFindings.size());
        if (!same) {
            out.put("differences", differences(oneFindings, twoFindings));
        }
        return new Result(same, count, split, oneRate, twoRate);
    }

    /** Partitions of one input topic held by each member of the group, from the group coordinator. */
    static List<Integer> split(BenchTopics topics, String group, String topic) {
        try {
            ConsumerGroupDescription d = topics.admin().describeConsumerGroups(List.of(group)).all().get().get(group);
            List<Integer> out = new ArrayList<>();
            for (MemberDescription m : d.members()) {
                out.add((int) m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(topic)).count());
            }
            out.sort(null);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot describe group " + group + ": " + e.getCause(), e.getCause());
        }
    }

    /** Findings per incident id, in revision order. */
    static Map<String, List<Finding>> byIncident(String bootstrap, String prefix) {
        Map<String, List<Finding>> out = new TreeMap<>();
        for (CloudEvent<Finding> e : FindingsReader.readAll(bootstrap, Topics.FINDINGS.withPrefix(prefix).name(),
                Duration.ofSeconds(30))) {
            out.computeIfAbsent(e.data().incidentId(), k -> new ArrayList<>()).add(e.data());
        }
        out.values().forEach(l -> l.sort(java.util.Comparator.comparing(Finding::revision)));
        return out;
    }

    static String differences(Map<String, List<Finding>> one, Map<String, List<Finding>> two) {
        List<String> d = new ArrayList<>();
        for (String id : one.keySet()) {
            if (!one.get(id).equals(two.get(id))) {
                d.add(id + " (" + one.get(id).size() + " vs " + (two.get(id) == null ? 0 : two.get(id).size()) + " findings)");
            }
        }
        two.keySet().stream().filter(id -> !one.containsKey(id)).forEach(id -> d.add(id + " only with two instances"));
        return String.join("; ", d);
    }
}
