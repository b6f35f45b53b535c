package io.sockshop.correlator.bench.micro;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/** Each JMH benchmark runs once, briefly, in this JVM: its set-up works on the mix's data and it returns a score. */
class MicroBenchmarksSmokeTest {

    @Test
    void everyMicroBenchmarkRunsAndScores() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(PatternCatalogueBenchmark.class.getSimpleName())
                .include(SerdeBenchmark.class.getSimpleName())
                .forks(0).warmupIterations(0).measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100)).shouldFailOnError(true).build()).run();
        assertThat(results).hasSize(10);
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
