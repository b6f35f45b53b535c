package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.sockshop.correlator.sandbox.SimRandom;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API (fabric8's mock server in CRUD mode, over HTTP on a port) seeded with the Sock
 * Shop namespace, plus the controllers a real cluster runs behind the API: deployment, replica set,
 * job controllers, a garbage collector and a kubelet. Clients such as the injector and the collector
 * talk to it exactly as to a real API server.
 */
public final class SimulatedCluster implements AutoCloseable {

    public record Settings(String namespace, String node, int port, ScalingWording wording,
                           double probeDelayScale, Duration gracePeriod) {
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Settings settings;
    private final Kubelet kubelet;
    private final DeploymentController deployments;
    private final ReplicaSetController replicaSets;
    private final JobController jobs;
    private final GarbageCollector garbage;
    private List<Job> currentJobs = List.of();

    private SimulatedCluster(KubernetesMockServer server, Settings settings, SimRandom random,
                             Function<Job, Duration> jobRunTime) {
        this.server = server;
        this.client = server.createClient();
        this.settings = settings;
        EventRecorder events = new EventRecorder(client, settings.namespace());
        this.kubelet = new Kubelet(client, settings.namespace(), settings.node(), events, settings.probeDelayScale(),
                settings.gracePeriod());
        this.deployments = new DeploymentController(client, settings.namespace(), events, kubelet, random,
                settings.wording());
        this.replicaSets = new ReplicaSetController(client, settings.namespace(), events, kubelet, random);
        this.jobs = new JobController(client, settings.namespace(), events, random, jobRunTime);
        this.garbage = new GarbageCollector(client, settings.namespace(), kubelet);
    }

    public static SimulatedCluster start(Settings settings, SimRandom random, Instant now,
                                         Function<Job, Duration> jobRunTime) {
        Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), settings.port());
        SimulatedCluster cluster = new SimulatedCluster(server, settings, random, jobRunTime);
        new ManifestSeeder(cluster.client, cluster.kubelet, random).seed(settings.namespace(), now);
        cluster.step(now);
        return cluster;
    }

    /** One pass of every controller, as a real control plane would make continuously. */
    public synchronized void step(Instant now) {
        String ns = settings.namespace();
        List<Deployment> deploymentList = client.apps().deployments().inNamespace(ns).list().getItems();
        List<Job> jobList = client.batch().v1().jobs().inNamespace(ns).list().getItems();
        List<ReplicaSet> rsList = client.apps().replicaSets().inNamespace(ns).list().getItems();
        List<Pod> podList = client.pods().inNamespace(ns).list().getItems();
        List<HasMetadata> owners = new ArrayList<>(deploymentList);
        owners.addAll(jobList);
        garbage.collect(now, owners, rsList, podList);
        deployments.reconcile(now, deploymentList, rsList);
        rsList = client.apps().replicaSets().inNamespace(ns).list().getItems();
        replicaSets.reconcile(now, rsList, podList);
        jobs.reconcile(now, jobList, podList);
        currentJobs = jobList;
        kubelet.sync(now, client.pods().inNamespace(ns).list().getItems());
    }

    /** The Jobs that have a running pod now (load generators). */
    public synchronized List<Job> runningJobs(Instant now) {
        return currentJobs.stream().filter(j -> jobs.isRunning(j, now)).toList();
    }

    public synchronized Optional<Instant> jobStartedAt(Job job) {
        return Optional.ofNullable(jobs.startedAt(job));
    }

    public Optional<Deployment> deployment(String name) {
        return Optional.ofNullable(client.apps().deployments().inNamespace(settings.namespace()).withName(name).get());
    }

    public Kubelet kubelet() {
        return kubelet;
    }

    public KubernetesClient client() {
        return client;
    }

    public String namespace() {
        return settings.namespace();
    }

    /** The API server URL clients use, e.g. {@code http://localhost:41234/}. */
    public String url() {
        return server.url("/");
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
