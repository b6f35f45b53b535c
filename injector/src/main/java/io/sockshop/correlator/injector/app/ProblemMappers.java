package io.sockshop.correlator.injector.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sockshop.correlator.injector.InjectorException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the REST API as an RFC 7807 problem; nothing leaks a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response refused(InjectorException e, UriInfo uri) {
        return Problem.response(e.kind().slug(), e.kind().title(), e.kind().status(), e.getMessage(), path(uri));
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        return Problem.response("invalid-json", "Invalid JSON body", 400, e.getOriginalMessage(), path(uri));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String reason = Response.Status.fromStatusCode(status) == null ? "HTTP " + status
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        Throwable cause = e.getCause() instanceof JsonProcessingException json ? json : null;
        String detail = cause != null ? ((JsonProcessingException) cause).getOriginalMessage() : e.getMessage();
        return Problem.response("http-" + status, reason, status, detail, path(uri));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.error("unexpected error on " + path(uri), e);
        return Problem.response("internal", "Internal error", 500,
                "unexpected " + e.getClass().getSimpleName() + "; see the injector's log", path(uri));
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
