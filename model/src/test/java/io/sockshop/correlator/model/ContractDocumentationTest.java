package io.sockshop.correlator.model;

import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.kafka.TopicDescriptor;
import io.sockshop.correlator.model.kafka.Topics;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/contract.md stays in step with the code: every type, schema, example, topic and fault type is there. */
class ContractDocumentationTest {

    private static final Path CONTRACT = ContractDocs.DIRECTORY.getParent().resolve("contract.md");

    @Test
    void describesEveryTypeWithItsSchemaAndExample() throws Exception {
        String contract = Files.readString(CONTRACT);
        for (EventType<?> type : EventType.all()) {
            assertThat(contract).contains("`" + type.type() + "`");
            assertThat(contract).contains("(schemas/" + type.schema() + ")");
            String example = "schemas/examples/" + ContractDocs.example(type).getFileName();
            assertThat(contract).contains("(" + example + ")");
            assertThat(ContractDocs.example(type)).exists();
            assertThat(ContractDocs.DIRECTORY.resolve(type.schema())).exists();
        }
    }

    @Test
    void listsEveryTopicAndFaultType() throws Exception {
        String contract = Files.readString(CONTRACT);
        for (TopicDescriptor<?, ?> topic : Topics.all()) {
            assertThat(contract).contains("`" + topic.name() + "`");
        }
        for (FaultType faultType : FaultType.values()) {
            assertThat(contract).contains("`" + faultType.id() + "`");
        }
    }
}
