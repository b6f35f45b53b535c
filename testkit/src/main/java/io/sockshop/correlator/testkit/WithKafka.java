package io.sockshop.correlator.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test class a real Kafka broker: declare a {@link KafkaBroker} parameter on a test method,
 * constructor or lifecycle method.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaBrokerExtension.class)
public @interface WithKafka {
}
