package io.sockshop.correlator.engine.state;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The learned resource baseline: robust, warm-up aware, rate- and gap-tolerant, bounded, with a long-term tier. */
class ResourceBaselineTest {

    static final long MIN = 60_000;

    @Test
    void theBaselineIsTheMedianOfSlotMeansWhatEverTheSampleRate() {
        ResourceBaseline tenSeconds = new ResourceBaseline();
        ResourceBaseline oneMinute = new ResourceBaseline();
        for (long t = 0; t < 20 * MIN; t += 10_000) {
            tenSeconds.add("p", t, t % 20_000 == 0 ? 90 : 110); // every slot averages 100
        }
        for (long t = 0; t < 20 * MIN; t += MIN) {
            oneMinute.add("p", t, 100);
        }
        assertThat(tenSeconds.reference(20 * MIN, 20 * MIN, 15).level()).isCloseTo(100, within(1e-9));
        assertThat(oneMinute.reference(20 * MIN, 20 * MIN, 15).level()).isCloseTo(100, within(1e-9));
    }

    @Test
    void aFewOddSlotsMoveNeitherTheMedianNorTheNoise() {
        ResourceBaseline b = new ResourceBaseline();
        for (int m = 0; m < 30; m++) {
            b.add("p", m * MIN, m % 10 == 0 ? 1000 : 100 + (m % 3)); // three bursts of 10x
        }
        ResourceBaseline.Reference r = b.reference(30 * MIN, 30 * MIN, 15);
        assertThat(r.median()).isEqualTo(101);
        assertThat(r.sigma()).isCloseTo(Robust.MAD_TO_SIGMA, within(1e-9));
    }

    @Test
    void noBaselineWhileWarmingUpAndGapsAreNotHistory() {
        ResourceBaseline b = new ResourceBaseline();
        for (int m = 0; m < 14; m++) {
            b.add("p", m * MIN * 2, 100); // 14 slots with samples, spread over 28 minutes
        }
        assertThat(b.reference(28 * MIN, 28 * MIN, 15).warm()).isFalse();
        b.add("p", 28 * MIN, 100);
        assertThat(b.reference(29 * MIN, 29 * MIN, 15).warm()).isTrue();
    }

    @Test
    void aStretchSurvivesShortGapsAndEndsAtALongOneOrASlotBelowTheBar() {
        ResourceBaseline b = new ResourceBaseline();
        for (int m = 0; m < 20; m++) {
            b.add("p", m * MIN, 100);
        }
        for (int m = 20; m < 30; m++) {
            if (m != 24 && m != 25) { // a two-minute gap
                b.add("p", m * MIN, 400);
            }
        }
        ResourceBaseline.Stretch s = b.stretch("p", 29 * MIN + 30_000, 200, 2, 5);
        assertThat(s.start()).isEqualTo(20 * MIN);
        assertThat(s.length()).isEqualTo(10 * MIN);
        assertThat(s.recent()).isEqualTo(400);
        assertThat(b.stretch("p", 29 * MIN, 200, 1, 5).start()).isEqualTo(26 * MIN);
        assertThat(b.stretch("p", 33 * MIN, 200, 2, 5)).as("stale: no sample for 4 minutes").isNull();
        b.add("p", 30 * MIN, 100);
        assertThat(b.stretch("p", 30 * MIN, 200, 2, 5)).as("back below the bar").isNull();
    }

    @Test
    void podsArePooledForTheBaselineAndBounded() {
        ResourceBaseline b = new ResourceBaseline();
        for (int m = 0; m < 20; m++) {
            b.add("a", m * MIN, 100);
            b.add("b", m * MIN, 300);
        }
        assertThat(b.reference(20 * MIN, 20 * MIN, 15).level()).isEqualTo(200);
        for (int p = 0; p < 20; p++) {
            b.add("rollout-" + p, 20 * MIN + p * 1000, 200);
        }
        assertThat(b.pods()).hasSize(ResourceBaseline.MAX_PODS).contains("rollout-19");
    }

    @Test
    void theLongTermTierRemembersTheBusyHoursThroughAnIdleNight() {
        ResourceBaseline b = new ResourceBaseline();
        long hour = 60 * MIN;
        for (long t = 0; t < 12 * hour; t += MIN) {
            b.add("p", t, t < 4 * hour ? 200 : 10); // four busy hours, then eight idle ones
        }
        ResourceBaseline.Reference r = b.reference(12 * hour, 12 * hour, 15);
        assertThat(r.median()).isEqualTo(10);
        assertThat(r.longTerm()).isEqualTo(200);
        assertThat(r.level()).isEqualTo(200);
    }

    @Test
    void lateSamplesLandInTheirSlotAndTooOldOnesAreDropped() {
        ResourceBaseline b = new ResourceBaseline();
        b.add("p", 100 * MIN, 100);
        b.add("p", 99 * MIN, 300);
        b.add("p", 30 * MIN, 5000); // older than the hour the ring holds
        assertThat(b.pooledMean(99)).isEqualTo(300);
        assertThat(b.pooledMean(30)).isNaN();
        assertThat(b.pooledMean(100)).isEqualTo(100);
    }

    @Test
    void itRoundTripsThroughItsBinaryForm() throws Exception {
        ResourceBaseline b = new ResourceBaseline(10_000, 90);
        for (long t = 0; t < 20 * MIN; t += 10_000) {
            b.add(t % 20_000 == 0 ? "a" : "b", t, t / 1000.0);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        b.write(new DataOutputStream(bytes));
        ResourceBaseline back = ResourceBaseline.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.reference(20 * MIN, 19 * MIN, 15)).isEqualTo(b.reference(20 * MIN, 19 * MIN, 15));
        assertThat(back.pods()).containsExactly("a", "b");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        back.write(new DataOutputStream(again));
        assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());
        assertThat(back.configured(10_000, 90)).isSameAs(back);
        assertThat(back.configured(60_000, 90).pods()).as("other slots: a fresh baseline").isEmpty();
    }
}
