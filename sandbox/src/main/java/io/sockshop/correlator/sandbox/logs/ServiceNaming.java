package io.sockshop.correlator.sandbox.logs;

/**
 * How the Datadog Agent names the {@code service} of a container's logs: by default the short image
 * name ({@code orders}, {@code mongo}); with Autodiscovery annotations as in the guide's cluster,
 * {@code sock-shop-<container>}.
 */
public enum ServiceNaming {
    SHORT_IMAGE,
    ANNOTATED;

    public String service(String container, String image) {
        return this == ANNOTATED ? "sock-shop-" + container : shortImage(image);
    }

    /** {@code weaveworksdemos/front-end:0.3.12} is {@code front-end}; {@code mongo} is {@code mongo}. */
    public static String shortImage(String image) {
        String withoutTag = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        return withoutTag.substring(withoutTag.lastIndexOf('/') + 1);
    }

    public static String imageTag(String image) {
        return image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "latest";
    }
}
