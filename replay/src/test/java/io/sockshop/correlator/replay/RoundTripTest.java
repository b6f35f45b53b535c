package io.sockshop.correlator.replay;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** record, then play, then verify: a recording played back and recorded again verifies against the same golden. */
@WithKafka
class RoundTripTest {

    @Test
    void playedBackAndRecordedAgainAGuideIncidentVerifiesAgainstItsGolden(KafkaBroker broker) {
        List<RecordedRecord> recording = Recordings.of(GuideIncidents.consumerDown(Names.SOCK_SHOP).events());
        List<String> golden = new Verifier(CorrelatorConfig.defaults()).run(recording).findings();
        assertThat(golden).isNotEmpty();

        String prefix = KafkaBroker.uniqueName("roundtrip") + ".";
        assertThat(new Player(broker.clientConfig()).play(recording, prefix, 0)).isEqualTo(recording.size());
        StringWriter out = new StringWriter();
        List<String> topics = recording.stream().map(RecordedRecord::topic).distinct().map(t -> prefix + t).toList();
        new Recorder(broker.clientConfig()).record(topics, null, null, out);
        List<RecordedRecord> again = new ArrayList<>();
        String[] lines = out.toString().split("\n");
        for (int i = 0; i < lines.length; i++) {
            again.add(RecordingFormat.parse(lines[i], i + 1));
        }
        assertThat(again).hasSameSizeAs(recording);
        assertThat(again).allMatch(r -> r.topic().startsWith(prefix) && r.topic().endsWith(".v1"));
        assertThat(again.stream().map(RecordedRecord::topic)).contains(prefix + Topics.K8S.name());

        assertThat(FindingsDiff.compare(golden, new Verifier(CorrelatorConfig.defaults()).run(again).findings(), Set.of()))
                .isEmpty();
    }
}
