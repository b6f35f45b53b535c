package io.sockshop.correlator.engine.incident;

/** Where the tracker keeps open incidents (a Kafka Streams store in the topology, a map in unit tests). */
public interface IncidentStore {
    IncidentRecord get(String key);

    void put(String key, IncidentRecord record);

    void delete(String key);
}
