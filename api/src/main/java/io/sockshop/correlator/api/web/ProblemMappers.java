package io.sockshop.correlator.api.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/** Every error of the REST resources becomes an RFC 7807 problem; no stack trace reaches a client. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalid(InvalidParameterException e, UriInfo uri) {
        return respond(Problem.badRequest(path(uri), e.params()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundProblemException e, UriInfo uri) {
        return respond(Problem.of(404, "not-found", "Not found", e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, uri);
        }
        String reason = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no such resource; the API is under /api/v1 (see /q/openapi)";
            case 405 -> "the API is read-only: use GET";
            case 406 -> "this resource answers application/json";
            case 415 -> "unsupported media type";
            default -> reason;
        };
        return respond(Problem.of(status, slug(reason), reason, detail, path(uri)));
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "internal error %s on %s", errorId, path(uri));
        return respond(Problem.of(500, "internal-error", "Internal error",
                "the server failed to answer; error id " + errorId + " is in its log", path(uri)));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String slug(String reason) {
        return reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
