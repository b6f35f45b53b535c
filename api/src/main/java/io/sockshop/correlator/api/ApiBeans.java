package io.sockshop.correlator.api;

import io.sockshop.correlator.api.config.ApiConfig;
import io.sockshop.correlator.api.kafka.TopicNames;
import io.sockshop.correlator.api.query.ImpactCalculator;
import io.sockshop.correlator.api.query.IncidentQuery;
import io.sockshop.correlator.api.query.OrderTraceService;
import io.sockshop.correlator.api.query.ScorecardCalculator;
import io.sockshop.correlator.api.query.ServiceHealthQuery;
import io.sockshop.correlator.api.state.IncidentStore;
import io.sockshop.correlator.api.state.ScoreStore;
import io.sockshop.correlator.api.state.ServiceHealthStore;
import io.sockshop.correlator.api.stream.FindingsRing;
import io.sockshop.correlator.api.trace.OrderLogIndex;
import io.sockshop.correlator.api.trace.OrderLogParser;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The in-memory state and the queries over it, built once from the configuration. */
public class ApiBeans {

    @Produces
    @Singleton
    TopicNames topics(ApiConfig config) {
        return TopicNames.withPrefix(config.topicPrefix().orElse(""));
    }

    @Produces
    @Singleton
    IncidentStore incidents(ApiConfig config) {
        return new IncidentStore(config.store().incidents());
    }

    @Produces
    @Singleton
    ScoreStore scores(ApiConfig config) {
        return new ScoreStore(config.store().scores());
    }

    @Produces
    @Singleton
    ServiceHealthStore health(ApiConfig config) {
        return new ServiceHealthStore(config.store().services());
    }

    @Produces
    @Singleton
    FindingsRing findings(ApiConfig config) {
        return new FindingsRing(config.store().findings());
    }

    @Produces
    @Singleton
    OrderLogIndex orderLogs(ApiConfig config) {
        ApiConfig.OrderTrace c = config.orderTrace();
        return new OrderLogIndex(c.maxLines(), c.maxLinesPerOrder(), c.maxTraces());
    }

    @Produces
    @Singleton
    OrderLogParser orderLogParser(ApiConfig config) {
        return new OrderLogParser(config.orderTrace().maxMessageChars());
    }

    @Produces
    @Singleton
    IncidentQuery incidentQuery(IncidentStore incidents) {
        return new IncidentQuery(incidents);
    }

    @Produces
    @Singleton
    ServiceHealthQuery serviceHealthQuery(ServiceHealthStore health, IncidentStore incidents) {
        return new ServiceHealthQuery(health, incidents);
    }

    @Produces
    @Singleton
    ImpactCalculator impact(IncidentStore incidents, ServiceHealthStore health) {
        return new ImpactCalculator(incidents, health);
    }

    @Produces
    @Singleton
    ScorecardCalculator scorecard(ScoreStore scores, IncidentStore incidents) {
        return new ScorecardCalculator(scores, incidents);
    }

    @Produces
    @Singleton
    OrderTraceService orderTrace(OrderLogIndex index, IncidentStore incidents) {
        return new OrderTraceService(index, incidents);
    }
}
