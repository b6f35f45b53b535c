package io.sockshop.correlator.api.stream;

import io.sockshop.correlator.api.Fixtures;
import io.sockshop.correlator.api.query.IncidentFilter;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.Signatures;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StreamClientTest {

    private static final String APP = "kind-sockshop/sock-shop";

    /** A socket stand-in: accepts {@code room} writes, then is full until {@link #read()}. */
    static final class FakeSink implements EventSink {
        final List<String> written = new ArrayList<>();
        int room = Integer.MAX_VALUE;
        boolean closed;
        Runnable drain;

        @Override
        public boolean full() {
            return room <= 0;
        }

        @Override
        public void write(String text) {
            written.add(text);
            room--;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void onDrain(Runnable action) {
            drain = action;
        }

        void read() {
            readSome(Integer.MAX_VALUE);
        }

        /** The client reads: the socket takes {@code writes} more before it is full again. */
        void readSome(int writes) {
            room = writes;
            Runnable action = drain;
            drain = null;
            if (action != null) {
                action.run();
            }
        }

        List<String> findings() {
            return written.stream().filter(w -> w.contains("event: finding")).toList();
        }
    }

    private static Finding finding(int revision) {
        String id = Fixtures.incidentId(APP, Signatures.DEPENDENCY_DOWN_INCONSISTENCY, "payment", Fixtures.T0);
        return Fixtures.paymentDown(APP, id, revision, revision == 1 ? IncidentStatus.OPEN : IncidentStatus.UPDATED,
                Fixtures.T0.plusSeconds(revision), List.of(Fixtures.ORDER_ID));
    }

    private static void append(FindingsRing ring, int partition, long offset, int revision) {
        ring.append(partition, offset, finding(revision), "{\"rev\":" + revision + "}");
    }

    private static String idOf(String event) {
        return event.substring(4, event.indexOf('\n'));
    }

    @Test
    void resumingFromAnyDeliveredIdGivesExactlyTheRestAcrossPartitions() {
        FindingsRing ring = new FindingsRing(100);
        FakeSink first = new FakeSink();
        StreamClient live = new StreamClient(ring, first, IncidentFilter.ANY, Optional.empty(), 10, 60_000,
                Clock.systemUTC(), reason -> { });
        // Interleaved as one replica read them: p0@0, p1@0, p0@1, p2@0, p1@1
        int[][] records = {{0, 0}, {1, 0}, {0, 1}, {2, 0}, {1, 1}};
        for (int i = 0; i < records.length; i++) {
            append(ring, records[i][0], records[i][1], i + 1);
            live.drain();
        }
        assertThat(first.findings()).hasSize(5);
        for (int k = 0; k < 5; k++) {
            StreamPosition resumeAt = StreamPosition.parse(idOf(first.findings().get(k)));
            FakeSink sink = new FakeSink();
            new StreamClient(ring, sink, IncidentFilter.ANY, Optional.of(resumeAt), 10, 60_000, Clock.systemUTC(),
                    reason -> { }).drain();
            // Same events, same ids: as if the connection had never dropped.
            assertThat(sink.findings()).as("resumed after event %d", k)
                    .containsExactlyElementsOf(first.findings().subList(k + 1, 5));
        }
    }

    @Test
    void filtersLikeTheIncidentList() {
        FindingsRing ring = new FindingsRing(10);
        FakeSink sink = new FakeSink();
        StreamClient client = new StreamClient(ring, sink, new IncidentFilter(Set.of(IncidentStatus.OPEN), null, null,
                null, null, null, null), Optional.empty(), 10, 60_000, Clock.systemUTC(), reason -> { });
        append(ring, 0, 0, 1);
        append(ring, 0, 1, 2);
        client.drain();
        assertThat(sink.findings()).hasSize(1).first().asString().contains("{\"rev\":1}");
        // The position still moves past what the filter skipped.
        assertThat(client.position().next(0)).isEqualTo(2);
    }

    @Test
    void aClientThatStopsReadingIsDroppedWithAReasonOnceTooFarBehind() {
        FindingsRing ring = new FindingsRing(1000);
        FakeSink sink = new FakeSink();
        List<String> reasons = new ArrayList<>();
        StreamClient client = new StreamClient(ring, sink, IncidentFilter.ANY, Optional.empty(), 5, 60_000,
                Clock.systemUTC(), reasons::add);
        sink.room = 2;
        for (int i = 0; i < 10; i++) {
            append(ring, 0, i, i + 1);
            client.drain();
        }
        assertThat(reasons).containsExactly(StreamClient.TOO_SLOW);
        assertThat(sink.closed).isTrue();
        assertThat(sink.written.get(sink.written.size() - 1)).startsWith("event: dropped")
                .contains("\"reason\":\"too-slow\"").contains("\"lastEventId\":\"0:2\"");
        assertThat(sink.findings()).hasSize(2);
    }

    @Test
    void aSlowClientThatCatchesUpIsNotDropped() {
        FindingsRing ring = new FindingsRing(1000);
        FakeSink sink = new FakeSink();
        List<String> reasons = new ArrayList<>();
        StreamClient client = new StreamClient(ring, sink, IncidentFilter.ANY, Optional.empty(), 5, 60_000,
                Clock.systemUTC(), reasons::add);
        sink.room = 1;
        for (int i = 0; i < 4; i++) {
            append(ring, 0, i, i + 1);
            client.drain();
        }
        sink.read();
        assertThat(reasons).isEmpty();
        assertThat(sink.findings()).hasSize(4);
    }

    /**
     * A client resuming 3,000 findings behind (with max-lag 500) whose socket takes 20 events per read,
     * while new findings keep arriving 500 at a time as one commit lands: it is never dropped and gets every
     * finding after its resume position exactly once. Lag counts only what arrives while it does not read.
     */
    @Test
    void aClientResumingFarBehindThatReadsGetsEveryFindingOnceWithoutBeingDropped() {
        FindingsRing ring = ringOf(3000);
        FakeSink sink = new FakeSink();
        sink.room = 20;
        List<String> reasons = new ArrayList<>();
        StreamClient client = resumingAtTheStart(ring, sink, reasons);
        client.drain();
        int appended = 3000;
        for (int round = 0; round < 4000 && (sink.findings().size() < appended - 1 || appended < 5000); round++) {
            if (round % 50 == 0 && appended < 5000) {
                for (int k = 0; k < 500; k++, appended++) {
                    append(ring, appended % 3, appended / 3, appended + 1);
                    client.drain(); // as the route does on every append; the socket is full meanwhile
                }
            }
            sink.readSome(20);
        }
        assertThat(reasons).as("drop reasons").isEmpty();
        List<String> ids = sink.findings().stream().map(StreamClientTest::idOf).toList();
        assertThat(ids).as("every finding after the resume position, once").hasSize(appended - 1).doesNotHaveDuplicates();
        assertThat(client.position()).isEqualTo(ring.headPosition());
    }

    private static FindingsRing ringOf(int findings) {
        FindingsRing ring = new FindingsRing(10_000);
        for (int i = 0; i < findings; i++) {
            append(ring, i % 3, i / 3, i + 1);
        }
        return ring;
    }

    /** A client resuming right after the first finding, with max-lag 500. */
    private static StreamClient resumingAtTheStart(FindingsRing ring, FakeSink sink, List<String> reasons) {
        return new StreamClient(ring, sink, IncidentFilter.ANY, Optional.of(StreamPosition.parse("0:1,1:0,2:0")), 500,
                60_000, Clock.systemUTC(), reasons::add);
    }

    /** The same resume, but the client never reads after its first 20 events: more than max-lag arrive, it is dropped. */
    @Test
    void aClientResumingFarBehindThatStopsReadingIsStillDropped() {
        FindingsRing ring = ringOf(3000);
        FakeSink sink = new FakeSink();
        sink.room = 20;
        List<String> reasons = new ArrayList<>();
        StreamClient client = resumingAtTheStart(ring, sink, reasons);
        client.drain();
        for (int i = 3000; i < 3500; i++) {
            append(ring, i % 3, i / 3, i + 1);
            client.drain();
        }
        assertThat(reasons).as("500 arrived while it did not read: at the limit, not past it").isEmpty();
        append(ring, 0, 3500 / 3 + 1, 3501);
        client.drain();
        assertThat(reasons).containsExactly(StreamClient.TOO_SLOW);
        assertThat(sink.closed).isTrue();
        assertThat(sink.findings()).hasSize(20);
        assertThat(sink.written.get(sink.written.size() - 1)).contains("\"reason\":\"too-slow\"")
                .contains("\"lastEventId\":\"" + client.position().encode() + "\"");
    }

    @Test
    void aClientWhoseSocketStaysFullIsDroppedAsStalledEvenWithoutNewFindings() {
        FindingsRing ring = new FindingsRing(1000);
        FakeSink sink = new FakeSink();
        List<String> reasons = new ArrayList<>();
        long[] now = {0};
        Clock clock = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        StreamClient client = new StreamClient(ring, sink, IncidentFilter.ANY, Optional.empty(), 100, 30_000, clock,
                reasons::add);
        sink.room = 0;
        client.heartbeat();
        now[0] = 29_000;
        client.heartbeat();
        assertThat(reasons).isEmpty();
        now[0] = 30_000;
        client.heartbeat();
        assertThat(reasons).containsExactly(StreamClient.STALLED);
    }

    @Test
    void theRingKnowsWhichResumePositionsItCanStillServe() {
        FindingsRing ring = new FindingsRing(3);
        for (int i = 0; i < 5; i++) {
            append(ring, i % 2, i / 2, i + 1);
        }
        // Evicted: p0@0, p1@0. Held: p0@1, p1@1, p0@2.
        assertThat(ring.covers(StreamPosition.parse("0:1,1:1"))).isTrue();
        assertThat(ring.covers(StreamPosition.parse("0:0,1:1"))).isFalse();
        assertThat(ring.covers(StreamPosition.parse("0:3"))).isFalse();
        assertThat(ring.headPosition()).isEqualTo(StreamPosition.parse("0:3,1:2"));
    }

    @Test
    void aClientThatFellOutOfTheRingIsDropped() {
        FindingsRing ring = new FindingsRing(3);
        FakeSink sink = new FakeSink();
        List<String> reasons = new ArrayList<>();
        StreamClient client = new StreamClient(ring, sink, IncidentFilter.ANY, Optional.empty(), 100, 60_000,
                Clock.systemUTC(), reasons::add);
        for (int i = 0; i < 5; i++) {
            append(ring, 0, i, i + 1);
        }
        client.drain();
        assertThat(reasons).containsExactly(StreamClient.FELL_BEHIND);
    }
}
