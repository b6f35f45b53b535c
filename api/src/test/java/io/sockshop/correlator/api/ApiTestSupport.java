package io.sockshop.correlator.api;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.model.kafka.TopicDescriptor;

import java.util.UUID;

/** Shared by the API's Quarkus tests: authorised requests, unique applications, prefixed topics. */
public final class ApiTestSupport {

    private ApiTestSupport() {
    }

    public static RequestSpecification authorised() {
        return RestAssured.given().auth().oauth2(KafkaTestResource.TOKEN);
    }

    /** An application no other test writes to: {@code kind-<8 hex>/sock-shop}. */
    public static String uniqueApplication() {
        return "kind-" + UUID.randomUUID().toString().substring(0, 8) + "/sock-shop";
    }

    public static <K, V> TopicDescriptor<K, V> topic(TopicDescriptor<K, V> topic, String prefix) {
        return topic.withPrefix(prefix);
    }

    public static String findingsTopic(String prefix) {
        return Topics.FINDINGS.withPrefix(prefix).name();
    }
}
