package io.sockshop.correlator.injector.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.StartupEvent;
import io.sockshop.correlator.injector.cluster.ClusterOps;
import io.sockshop.correlator.injector.cluster.KubernetesConnection;
import io.sockshop.correlator.injector.journal.InjectionJournal;
import io.sockshop.correlator.injector.journal.PendingRestores;
import io.sockshop.correlator.injector.load.LoadSettings;
import io.sockshop.correlator.injector.load.LocustLoad;
import io.sockshop.correlator.injector.plan.PlanBuilder;
import io.sockshop.correlator.injector.run.Injector;
import io.sockshop.correlator.injector.run.InjectorSettings;
import io.sockshop.correlator.injector.run.RecoveredRun;
import io.sockshop.correlator.injector.run.Sleeper;
import io.sockshop.correlator.injector.scenario.Scenario;
import io.sockshop.correlator.injector.scenario.ScenarioCatalog;
import io.sockshop.correlator.injector.scenario.ScenarioLoader;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Builds the injector from configuration at start-up, in order: scenarios (a broken file stops
 * start-up), topics, the Kubernetes client, the journal, then the restore of whatever a previous
 * process left unfinished. At shutdown, active runs are stopped and restored before anything closes.
 */
@Singleton
public class InjectorRuntime {

    private static final Logger LOG = Logger.getLogger(InjectorRuntime.class);

    @Inject
    InjectorConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    @Inject
    InjectorMetrics metrics;

    private KafkaSettings kafka;
    private KubernetesClient client;
    private InjectionJournal journal;
    private Injector injector;
    private List<RecoveredRun> recovered = List.of();

    void onStart(@Observes StartupEvent event) {
        InjectorSettings settings = settings();
        LocustLoad load = new LocustLoad(new LoadSettings(config.locust().image(), config.locust().username(),
                config.locust().password()));
        PlanBuilder planner = new PlanBuilder(load);
        List<Scenario> scenarios = new ArrayList<>(ScenarioLoader.shipped());
        config.scenarioDir().ifPresent(dir -> scenarios.addAll(ScenarioLoader.directory(dir)));
        ScenarioCatalog catalog = new ScenarioCatalog(scenarios, planner::validate);

        // Settings are all checked before anything waits on Kafka, so a typo fails at once.
        KubernetesConnection connection = connection();
        kafka = new KafkaSettings(bootstrapServers, config);
        kafka.ensureTopics();
        client = connection.connect();
        journal = new InjectionJournal(kafka.clientConfig(), kafka.injections(), kafka.restores(),
                config.kafka().transactionalId().orElse("sockshop-injector-" + settings.cluster()),
                config.kafka().timeout());
        injector = new Injector(settings, catalog, planner, new ClusterOps(client), journal, Clock.systemUTC(),
                Sleeper.REAL, metrics);
        metrics.watch(injector);
        recovered = injector.recover(PendingRestores.read(kafka.clientConfig(), kafka.restores().name(),
                settings.cluster(), config.kafka().timeout()));
        LOG.infof("injector ready: cluster %s, namespaces %s, %d scenarios, %d unfinished run(s) restored",
                settings.cluster(), settings.allowedNamespaces(), catalog.all().size(), recovered.size());
    }

    @PreDestroy
    void stop() {
        if (injector != null) {
            injector.close();
        }
        if (journal != null) {
            journal.close();
        }
        if (client != null) {
            client.close();
        }
    }

    public Injector injector() {
        if (injector == null) {
            throw new IllegalStateException("the injector is not started");
        }
        return injector;
    }

    public List<RecoveredRun> recovered() {
        return recovered;
    }

    /** A short-lived admin client for health checks. */
    public Admin admin() {
        return Admin.create(kafka.clientConfig());
    }

    private InjectorSettings settings() {
        return new InjectorSettings(config.cluster(), new LinkedHashSet<>(config.allowedNamespaces()),
                config.defaultNamespace(), config.maxDuration(), config.historySize());
    }

    private KubernetesConnection connection() {
        InjectorConfig.Kubernetes k = config.kubernetes();
        return new KubernetesConnection(KubernetesConnection.Mode.parse(k.mode()), k.masterUrl(), k.kubeconfig(),
                k.context(), k.token(), k.trustCerts(), k.requestTimeout());
    }
}
