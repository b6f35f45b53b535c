package io.sockshop.correlator.api.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token bucket on a clock the test moves: no sleeps, no timing. */
class RequestRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    /** A clock that only moves when told. */
    private final long[] now = {42 * SECOND};

    private RequestRateLimiter limiter(double perSecond, int burst, int clients) {
        return new RequestRateLimiter(perSecond, burst, clients, () -> now[0]);
    }

    private int allowed(RequestRateLimiter limiter, String client, int requests) {
        int allowed = 0;
        for (int i = 0; i < requests; i++) {
            if (limiter.acquire(client).allowed()) {
                allowed++;
            }
        }
        return allowed;
    }

    @Test
    void aBurstIsServedThenTheRestIsRefusedWithTheWaitForTheNextToken() {
        RequestRateLimiter limiter = limiter(2, 5, 100);
        assertThat(allowed(limiter, "a", 5)).isEqualTo(5);
        RequestRateLimiter.Decision refused = limiter.acquire("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1); // half a second, rounded up to whole seconds
        now[0] += SECOND / 2;
        assertThat(limiter.acquire("a").allowed()).isTrue();
        assertThat(limiter.acquire("a").allowed()).isFalse();
    }

    @Test
    void theSustainedRateIsTheRefillRate() {
        RequestRateLimiter limiter = limiter(10, 20, 100);
        assertThat(allowed(limiter, "a", 20)).isEqualTo(20);
        int served = 0;
        for (int tick = 0; tick < 100; tick++) { // 10 s in steps of 100 ms, 5 requests each
            now[0] += SECOND / 10;
            served += allowed(limiter, "a", 5);
        }
        assertThat(served).isEqualTo(100);
    }

    @Test
    void theBucketRefillsNoFurtherThanTheBurst() {
        RequestRateLimiter limiter = limiter(100, 10, 100);
        assertThat(allowed(limiter, "a", 10)).isEqualTo(10);
        now[0] += 3600 * SECOND;
        assertThat(allowed(limiter, "a", 50)).isEqualTo(10);
    }

    @Test
    void clientsHaveBucketsOfTheirOwn() {
        RequestRateLimiter limiter = limiter(1, 3, 100);
        assertThat(allowed(limiter, "token 10.0.0.1", 10)).isEqualTo(3);
        assertThat(allowed(limiter, "token 10.0.0.2", 2)).isEqualTo(2);
        assertThat(allowed(limiter, "anonymous 10.0.0.1", 3)).as("without the token, from the same address").isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}/s, burst {1}: retry after {2} s")
    @CsvSource({"0.01, 1, 100", "0.5, 1, 2", "1, 1, 1", "3, 1, 1", "0.25, 4, 4"})
    void retryAfterIsTheWaitForOneTokenInWholeSeconds(double perSecond, int burst, long retryAfter) {
        RequestRateLimiter limiter = limiter(perSecond, burst, 100);
        allowed(limiter, "a", burst);
        assertThat(limiter.acquire("a").retryAfterSeconds()).isEqualTo(retryAfter);
    }

    @Test
    void idleClientsAreForgottenOnceTheirBucketIsFullAgain() {
        RequestRateLimiter limiter = limiter(10, 50, 1_000_000);
        for (int i = 0; i < 5000; i++) {
            limiter.acquire("client-" + i);
        }
        assertThat(limiter.clients()).isEqualTo(5000);
        now[0] += SECOND / 10 - 1; // one request each at 10/s: their buckets are full again after 100 ms
        limiter.acquire("late");
        assertThat(limiter.clients()).isEqualTo(5001);
        now[0] += 1;
        limiter.acquire("late");
        assertThat(limiter.clients()).as("only the one still active").isEqualTo(1);
    }

    @Test
    void aClientThatUsedItsWholeBurstIsRememberedUntilItsBucketIsFull() {
        RequestRateLimiter limiter = limiter(1, 3, 100);
        allowed(limiter, "a", 3);
        now[0] += 3 * SECOND - 1;
        limiter.acquire("b");
        assertThat(limiter.clients()).isEqualTo(2);
        now[0] += 1;
        limiter.acquire("b");
        assertThat(limiter.clients()).isEqualTo(1);
        assertThat(allowed(limiter, "a", 5)).as("a full bucket again").isEqualTo(3);
    }

    @Test
    void atMostTrackedClientsAreKeptTheOneSeenLongestAgoGoingFirst() {
        RequestRateLimiter limiter = limiter(1, 2, 1000);
        allowed(limiter, "busy", 2);
        for (int i = 0; i < 20_000; i++) {
            limiter.acquire("drive-by-" + i);
            if (i % 500 == 0) {
                assertThat(limiter.acquire("busy").allowed()).as("the busy client stays refused").isFalse();
            }
            assertThat(limiter.clients()).isLessThanOrEqualTo(1000);
        }
        assertThat(limiter.clients()).isEqualTo(1000);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> limiter(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter(Double.NaN, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter(Double.POSITIVE_INFINITY, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
