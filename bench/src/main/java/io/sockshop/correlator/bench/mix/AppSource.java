package io.sockshop.correlator.bench.mix;

import io.sockshop.correlator.engine.app.AppTopologyLoader;
import io.sockshop.correlator.engine.fixtures.Fixtures;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.model.CloudEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The signals of one Sock Shop application (14 services) in the real formats, through the engine's
 * fixtures (Kubernetes watch records as the collector publishes them, log lines taken from the
 * reference logs, metrics named and scaled as Datadog reports them). {@link #next} draws one record
 * of a steady, lightly loaded shop in the proportions logs 70 : metrics 25 : Kubernetes 5 (with the
 * steady cluster each application starts with); the
 * incident methods give the decisive records of guide incident 3 (payment scaled to 0).
 */
public final class AppSource {

    /** Services that answer traffic and so can log and be measured while up. */
    private static final List<String> SERVICES = Fixtures.SERVICES;
    private static final String[] PATHS = {"/", "/index.html", "/catalogue?size=5", "/catalogue?page=1&size=6",
            "/catalogue/size", "/basket.html", "/cart", "/detail.html?id=03fef6ac-1896-4ce8-bd69-b798f85c6e0b",
            "/catalogue/03fef6ac-1896-4ce8-bd69-b798f85c6e0b", "/customers/57a98d98e4b00679b4a830af", "/orders"};

    private final int index;
    private final Fixtures fixtures;
    private final SplittableRandom random;
    private long orderSeq;
    private boolean paymentDown;

    public AppSource(int index, Instant t0, long seed) {
        this.index = index;
        String ns = namespace(index);
        Names names = new Names(ns, "kind-sockshop", ns, "sock-shop-", Map.of(), AppTopologyLoader.SOCK_SHOP_RESOURCE);
        this.fixtures = new Fixtures(names, t0);
        this.random = new SplittableRandom(seed * 1_000_003L + index);
    }

    public static String namespace(int index) {
        return String.format("sock-shop-%04d", index);
    }

    public int index() {
        return index;
    }

    public String application() {
        return fixtures.names().app().toString();
    }

    public Fixtures fixtures() {
        return fixtures;
    }

    /** Every deployment available and every pod running: the first records of an application. */
    public List<CloudEvent<?>> steadyCluster(double t) {
        return fixtures.steadyCluster(t);
    }

    /** One record of steady traffic at {@code t} seconds from the source's t0. */
    public CloudEvent<?> next(double t) {
        int roll = random.nextInt(100);
        // 3 % Kubernetes here: with the steady cluster each application starts with, about 5 % in all.
        if (roll < 71) {
            return log(t);
        }
        if (roll < 97) {
            return metric(t);
        }
        return k8s(t);
    }

    private String upService() {
        String s;
        do {
            s = SERVICES.get(random.nextInt(SERVICES.size()));
        } while (paymentDown && s.equals("payment"));
        return s;
    }

    private double wobble(double base) {
        return base * (0.85 + 0.3 * random.nextDouble());
    }

    private CloudEvent<?> log(double t) {
        int roll = random.nextInt(70);
        if (roll < 22) {
            return fixtures.access(t, "GET", PATHS[random.nextInt(PATHS.length)], 200, wobble(40));
        }
        if (roll < 24) {
            return fixtures.access(t, "GET", "/login", 401, wobble(8));
        }
        if (roll < 34) {
            return fixtures.catalogueList(t, wobble(6));
        }
        if (roll < 40) {
            return fixtures.userGet(t, wobble(4));
        }
        if (roll < 49) {
            String service = switch (roll % 3) {
                case 0 -> "catalogue";
                case 1 -> "user";
                default -> paymentDown ? "catalogue" : "payment";
            };
            return fixtures.goHealth(t, service);
        }
        if (roll < 50) {
            return fixtures.userNotFound(t);
        }
        if (roll < 58 && !paymentDown) {
            return roll < 54 ? fixtures.paymentAuthorise(t) : fixtures.paymentResponse(t);
        }
        if (roll < 64) {
            String status = roll < 60 ? "CREATED" : roll < 62 ? "PENDING" : "PAID";
            return fixtures.orderStatus(t, orderId(), status);
        }
        if (roll < 67) {
            return fixtures.shipmentQueued(t);
        }
        if (roll < 69) {
            return fixtures.shipmentReceived(t, "57a98d98e4b00679b4a830af");
        }
        return fixtures.exporterUpdated(t);
    }

    private CloudEvent<?> metric(double t) {
        int roll = random.nextInt(25);
        String s = upService();
        double cpuLimit = cpuLimit(s);
        if (roll < 10) {
            return fixtures.cpu(t, s, wobble(0.2) * cpuLimit);
        }
        if (roll < 20) {
            return fixtures.memory(t, s, wobble(0.4) * memLimit(s));
        }
        if (roll < 24) {
            return roll % 2 == 0 ? fixtures.latency(t, "front-end", wobble(0.12)) : fixtures.latency(t, "orders", wobble(0.08));
        }
        return fixtures.queueDepth(t, random.nextInt(3));
    }

    private CloudEvent<?> k8s(double t) {
        String s = upService();
        return random.nextInt(5) < 3 ? fixtures.pod(t, s, 0, null, null, null) : fixtures.deployment(t, s, 1, 1);
    }

    private String orderId() {
        return String.format("69%06x%08xc1f43201", index, orderSeq++);
    }

    /** Guide incident 3's decisive records: payment scaled to 0, orders refused toward it, an order PAYMENT_FAILED. */
    public List<CloudEvent<?>> paymentDown(double t) {
        paymentDown = true;
        String id = orderId();
        return List.of(
                fixtures.scaledDown(t, "payment", "5d8f6c7b9", 2),
                fixtures.deployment(t + 0.01, "payment", 0, 0),
                fixtures.orderStatus(t + 0.02, id, "CREATED"),
                fixtures.refusedToward(t + 0.03, "payment", "/paymentAuth"),
                fixtures.orderStatus(t + 0.04, id, "PAYMENT_FAILED"));
    }

    /** payment back: the Deployment available again. */
    public List<CloudEvent<?>> paymentBack(double t) {
        paymentDown = false;
        return List.of(fixtures.deployment(t, "payment", 1, 1), fixtures.pod(t + 0.01, "payment", 0, null, null, null));
    }

    public boolean isPaymentDown() {
        return paymentDown;
    }

    static double cpuLimit(String service) {
        return switch (service) {
            case "front-end", "carts", "queue-master", "shipping", "user" -> 300;
            case "orders" -> 500;
            case "payment", "catalogue" -> 200;
            default -> 100;
        };
    }

    static double memLimit(String service) {
        return switch (service) {
            case "front-end" -> 1000;
            case "orders", "carts", "queue-master", "shipping" -> 500;
            case "payment", "catalogue", "user" -> 200;
            default -> 300;
        };
    }
}
