package io.sockshop.correlator.bench.micro;

import io.sockshop.correlator.engine.logs.LogMatch;
import io.sockshop.correlator.engine.logs.PatternCatalogue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shipped log pattern catalogue classifying the benchmark mix's log lines (real Sock Shop
 * formats, in the mix's proportions), plus the costliest shapes on their own: a go-kit duration line
 * (regex with a Go duration), a morgan access line with ANSI colours, and a line no pattern knows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PatternCatalogueBenchmark {

    private PatternCatalogue catalogue;
    private String[] mix;
    private int next;
    private String goKit;
    private String access;
    private String unknown;

    @Setup
    public void setUp() {
        catalogue = PatternCatalogue.defaults();
        List<String> lines = MicroData.messages(4096);
        mix = lines.toArray(String[]::new);
        goKit = lines.stream().filter(l -> l.contains("method=List")).findFirst().orElseThrow();
        access = lines.stream().filter(l -> l.contains("\u001b[32m200 ")).findFirst().orElseThrow();
        unknown = "2025-10-18 09:12:09.514  INFO [carts,d99a58a189e13b88,0d78307d85a79937,false] 1 --- [nio-8080-exec-1] "
                + "o.s.d.r.w.RepositoryRestHandlerMapping   : Mapped \"{[/{repository}/search],methods=[HEAD]}\"";
    }

    /** One line of the mix per call (the mean over the mix). */
    @Benchmark
    public LogMatch mixLine() {
        String line = mix[next];
        next = (next + 1) & (mix.length - 1);
        return catalogue.classify(line);
    }

    @Benchmark
    public LogMatch goKitDuration() {
        return catalogue.classify(goKit);
    }

    @Benchmark
    public LogMatch morganAccess() {
        return catalogue.classify(access);
    }

    @Benchmark
    public void unknownSpringLine(Blackhole bh) {
        bh.consume(catalogue.classify(unknown));
    }
}
