package io.sockshop.correlator.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {

    private static final Instant T = Instant.parse("2025-11-05T21:00:30Z");

    @Test
    void kubernetesIdIsTheObjectVersionAndDistinguishesDeletes() {
        assertThat(EventIds.k8s("uid-1", "634512", false)).isEqualTo("k8s/uid-1/634512");
        assertThat(EventIds.k8s("uid-1", "634512", true)).isEqualTo("k8s/uid-1/634512/deleted");
        assertThat(EventIds.k8s("uid-1", "634513", false)).isNotEqualTo(EventIds.k8s("uid-1", "634512", false));
    }

    @Test
    void metricIdDependsOnSeriesAndTimeOnly() {
        String id = EventIds.metricPoint("kubernetes.cpu.usage.total", "kube_deployment:catalogue-db", T);
        assertThat(EventIds.metricPoint("kubernetes.cpu.usage.total", "kube_deployment:catalogue-db", T)).isEqualTo(id);
        assertThat(id).matches("dd-metric/[0-9a-f]{16}/1762376430000");
        assertThat(EventIds.metricPoint("kubernetes.cpu.usage.total", "kube_deployment:catalogue", T)).isNotEqualTo(id);
        assertThat(EventIds.metricPoint("kubernetes.cpu.usage.total", "kube_deployment:catalogue-db", T.plusSeconds(10)))
                .isNotEqualTo(id);
        assertThat(EventIds.metricPoint("kubernetes.memory.usage", "kube_deployment:catalogue-db", T)).isNotEqualTo(id);
    }

    @Test
    void otherIdsAreReadable() {
        assertThat(EventIds.datadogLog("AQAAAYAZ")).isEqualTo("dd-log/AQAAAYAZ");
        assertThat(EventIds.injection("run-1", 3)).isEqualTo("injection/run-1/3");
        assertThat(EventIds.finding("inc-1", 2)).isEqualTo("finding/inc-1/2");
        assertThat(EventIds.incident("inc-1", 2)).isEqualTo("incident/inc-1/2");
        assertThat(EventIds.score("run-1", 1)).isEqualTo("score/run-1/1");
    }
}
