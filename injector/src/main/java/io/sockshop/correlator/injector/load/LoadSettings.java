package io.sockshop.correlator.injector.load;

/**
 * How the load generator runs, the same for every scenario.
 *
 * @param image    the Locust image (the official {@code locustio/locust})
 * @param username a Sock Shop account the shoppers log in with (the upstream user-db seeds {@code user})
 * @param password its password
 */
public record LoadSettings(String image, String username, String password) {

    public static final String DEFAULT_IMAGE = "locustio/locust:2.31.8";

    public LoadSettings {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("the Locust image must not be blank");
        }
    }

    public static LoadSettings defaults() {
        return new LoadSettings(DEFAULT_IMAGE, "user", "password");
    }
}
