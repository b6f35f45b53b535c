package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sockshop.correlator.sandbox.SimRandom;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The job controller: one pod per Job, the Job active while it runs and complete when its work is
 * done. How long the work takes comes from outside (the load generator knows Locust's run time).
 */
final class JobController {

    private final KubernetesClient client;
    private final String namespace;
    private final EventRecorder events;
    private final SimRandom random;
    private final Function<Job, Duration> runTime;
    private final Map<String, Instant> startedAt = new HashMap<>();

    JobController(KubernetesClient client, String namespace, EventRecorder events, SimRandom random,
                  Function<Job, Duration> runTime) {
        this.client = client;
        this.namespace = namespace;
        this.events = events;
        this.random = random;
        this.runTime = runTime;
    }

    void reconcile(Instant now, List<Job> jobs, List<Pod> pods) {
        startedAt.keySet().removeIf(uid -> jobs.stream().noneMatch(j -> j.getMetadata().getUid().equals(uid)));
        for (Job job : jobs) {
            if (isFinished(job)) {
                continue;
            }
            String uid = job.getMetadata().getUid();
            boolean hasPod = pods.stream().anyMatch(p -> Owners.ownedBy(p, job));
            if (!hasPod && !startedAt.containsKey(uid)) {
                Pod pod = newPod(job, now);
                client.pods().inNamespace(namespace).resource(pod).create();
                events.record(now, job, null, EventRecorder.NORMAL, "SuccessfulCreate",
                        "Created pod: " + pod.getMetadata().getName(), "job-controller", null);
                startedAt.put(uid, now);
                writeStatus(job, new JobStatusBuilder().withActive(1).withStartTime(KubeTime.time(now)).build());
            }
            Instant start = startedAt.get(uid);
            Duration duration = runTime.apply(job);
            if (start != null && duration != null && !now.isBefore(start.plus(duration))) {
                events.record(now, job, null, EventRecorder.NORMAL, "Completed", "Job completed", "job-controller", null);
                writeStatus(job, new JobStatusBuilder().withSucceeded(1).withActive(0)
                        .withStartTime(KubeTime.time(start)).withCompletionTime(KubeTime.time(now))
                        .addNewCondition().withType("Complete").withStatus("True")
                        .withLastTransitionTime(KubeTime.time(now)).endCondition()
                        .build());
            }
        }
    }

    /** A Job runs from its pod's creation until it completes or is deleted. */
    boolean isRunning(Job job, Instant now) {
        return !isFinished(job) && startedAt.containsKey(job.getMetadata().getUid());
    }

    Instant startedAt(Job job) {
        return startedAt.get(job.getMetadata().getUid());
    }

    static boolean isFinished(Job job) {
        JobStatus status = job.getStatus();
        return status != null && status.getSucceeded() != null && status.getSucceeded() > 0;
    }

    private void writeStatus(Job job, JobStatus status) {
        Job latest = client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName()).get();
        if (latest == null) {
            return;
        }
        latest.setStatus(status);
        latest.getMetadata().setResourceVersion(null);
        client.batch().v1().jobs().inNamespace(namespace).resource(latest).updateStatus();
        job.setStatus(status);
    }

    private Pod newPod(Job job, Instant now) {
        Map<String, String> labels = new HashMap<>();
        if (job.getSpec().getTemplate().getMetadata() != null && job.getSpec().getTemplate().getMetadata().getLabels() != null) {
            labels.putAll(job.getSpec().getTemplate().getMetadata().getLabels());
        }
        labels.put("job-name", job.getMetadata().getName());
        labels.put("controller-uid", job.getMetadata().getUid());
        return new PodBuilder()
                .withNewMetadata()
                    .withName(job.getMetadata().getName() + "-" + random.kubeSuffix(5))
                    .withNamespace(namespace)
                    .withUid(random.uid())
                    .withLabels(labels)
                    .withCreationTimestamp(KubeTime.time(now))
                    .withOwnerReferences(Owners.controllerOf(job))
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .build();
    }
}
