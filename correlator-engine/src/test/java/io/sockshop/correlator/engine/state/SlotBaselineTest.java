package io.sockshop.correlator.engine.state;

import io.sockshop.correlator.engine.detect.DetectionSettings;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Latency baselines over configurable slots, with explicit event times. */
class SlotBaselineTest {

    static final long T = 60_000L * 16_666_667; // a whole minute (and so a whole 5 s)

    @Test
    void realTimeDefaultsAreOneMinuteSlotsThreeWarmUpMinutesAndATwoMinuteRecentWindow() {
        SlotBaseline b = DetectionSettings.defaults().baseline();
        assertThat(b.slotMillis()).isEqualTo(60_000);
        assertThat(b.warmupSlots()).isEqualTo(3);
        assertThat(b.recentSlots()).isEqualTo(2);
        for (int minute = 0; minute < 3; minute++) {
            b.add(T + minute * 60_000L, 100);
        }
        assertThat(b.baseline(T + 3 * 60_000L)).as("two minutes before the recent window: still warming up").isEmpty();
        assertThat(b.baseline(T + 4 * 60_000L)).hasValue(100);
    }

    @Test
    void fiveSecondSlotsJudgeAThirtyFiveSecondIncidentAfterFifteenSecondsOfHistory() {
        SlotBaseline b = SlotBaseline.of(Duration.ofSeconds(5), 3, Duration.ofSeconds(10));
        for (long t = 0; t < 40_000; t += 2_500) {
            b.add(T + t, 100 + (t % 5_000 == 0 ? 10 : -10));
        }
        for (long t = 40_000; t < 50_000; t += 2_500) {
            b.add(T + t, 2_000);
        }
        long now = T + 49_000;
        assertThat(b.baseline(now)).hasValue(100);
        assertThat(b.recent(now)).hasValue(2_000);
        assertThat(b.recentPeak(now)).hasValue(2_000);
        assertThat(b.firstSlotAtOrAbove(500, now)).isEqualTo(T + 40_000);
        SlotBaseline fresh = SlotBaseline.of(Duration.ofSeconds(5), 3, Duration.ofSeconds(10));
        fresh.add(T, 100);
        fresh.add(T + 5_000, 100);
        fresh.add(T + 20_000, 2_000);
        assertThat(fresh.baseline(T + 20_000)).as("two earlier slots with samples: warming up").isEmpty();
    }

    @Test
    void aRecentWindowThatIsNoWholeNumberOfSlotsIsRoundedUp() {
        assertThat(SlotBaseline.of(Duration.ofSeconds(5), 3, Duration.ofSeconds(12)).recentSlots()).isEqualTo(3);
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> SlotBaseline.of(Duration.ofMillis(200), 3, Duration.ofSeconds(1)))
                .hasMessageContaining("at least 1 s");
        assertThatThrownBy(() -> SlotBaseline.of(Duration.ofSeconds(1), 3, Duration.ofSeconds(28)))
                .hasMessageContaining("fit in 30 slots");
        assertThatThrownBy(() -> DetectionSettings.defaults().withBaseline(Duration.ofSeconds(10), 3, Duration.ofSeconds(5)))
                .hasMessageContaining("baseline-recent");
    }

    @Test
    void packedFormRoundTripsWithItsSlotLengthAndTheOldMinuteFormStillReads() {
        SlotBaseline b = SlotBaseline.of(Duration.ofSeconds(5), 4, Duration.ofSeconds(15));
        b.add(T, 120);
        b.add(T + 7_000, 300);
        SlotBaseline back = SlotBaseline.unpack(ByteBuffer.wrap(b.pack()));
        assertThat(back.slotMillis()).isEqualTo(5_000);
        assertThat(back.warmupSlots()).isEqualTo(4);
        assertThat(back.recentSlots()).isEqualTo(3);
        assertThat(back.pack()).isEqualTo(b.pack());

        ByteBuffer old = ByteBuffer.allocate(12 + 28); // [warm-up, recent, n, (minute, sum, count, max)]
        old.putInt(3).putInt(2).putInt(1).putLong(T / 60_000).putDouble(240).putInt(2).putDouble(140);
        SlotBaseline minutes = SlotBaseline.unpack(ByteBuffer.wrap(old.array()));
        assertThat(minutes.slotMillis()).isEqualTo(60_000);
        assertThat(minutes.recent(T + 30_000)).hasValue(120);
        assertThat(minutes.recentPeak(T + 30_000)).hasValue(140);
    }

    @Test
    void otherSettingsKeepTheSamplesOfTheSameSlotsAndStartAfreshWithOtherSlots() {
        SlotBaseline b = SlotBaseline.of(Duration.ofSeconds(5), 3, Duration.ofSeconds(10));
        b.add(T, 100);
        assertThat(b.configured(SlotBaseline.of(Duration.ofSeconds(5), 3, Duration.ofSeconds(10)))).isSameAs(b);
        SlotBaseline wider = b.configured(SlotBaseline.of(Duration.ofSeconds(5), 2, Duration.ofSeconds(20)));
        assertThat(wider.recentSlots()).isEqualTo(4);
        assertThat(wider.recent(T)).hasValue(100);
        SlotBaseline minutes = b.configured(new SlotBaseline());
        assertThat(minutes.slotMillis()).isEqualTo(60_000);
        assertThat(minutes.recent(T)).as("5-second slots cannot be read as minutes").isEmpty();
    }
}
