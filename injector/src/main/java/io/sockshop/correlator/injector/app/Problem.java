package io.sockshop.correlator.injector.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/** An RFC 7807 problem body ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "urn:sockshop-correlator:injector:problem:";

    static Response response(String slug, String title, int status, String detail, String instance) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem(TYPE_BASE + slug, title, status, detail, instance)).build();
    }
}
