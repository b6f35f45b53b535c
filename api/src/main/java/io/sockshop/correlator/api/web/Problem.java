package io.sockshop.correlator.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 7807 problem body ({@code application/problem+json}). Never carries a stack trace; a 500
 * carries an error id that the server logs with the trace.
 *
 * @param type          a URN naming the kind of problem, listed in docs/api.md
 * @param invalidParams for 400s: which parameter, and why (the RFC's own example extension)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<InvalidParam> invalidParams) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPES = "urn:sockshop-correlator:problem:";

    public record InvalidParam(String name, String reason) {
    }

    public static Problem of(int status, String slug, String title, String detail, String instance) {
        return new Problem(TYPES + slug, title, status, detail, instance, null);
    }

    public static Problem badRequest(String instance, List<InvalidParam> params) {
        String detail = params.size() == 1 ? params.get(0).name() + " " + params.get(0).reason()
                : params.size() + " parameters are invalid";
        return new Problem(TYPES + "invalid-parameter", "Invalid parameter", 400, detail, instance, List.copyOf(params));
    }
}
