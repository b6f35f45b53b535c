package io.sockshop.correlator.injector;

/**
 * A refusal the caller can act on. Each kind maps to one HTTP status and one RFC 7807 problem type,
 * so the REST layer and the command line report it the same way.
 */
public final class InjectorException extends RuntimeException {

    /** What went wrong, with the HTTP status that says so. */
    public enum Kind {
        SCENARIO_NOT_FOUND(404, "Scenario not found"),
        RUN_NOT_FOUND(404, "Run not found"),
        NAMESPACE_NOT_ALLOWED(403, "Namespace not allowed"),
        INVALID_REQUEST(400, "Invalid run request"),
        RUN_CONFLICT(409, "Conflicting run"),
        RUN_ENDED(409, "Run already ended"),
        TARGET_MISSING(422, "Target not found in the cluster"),
        UNAVAILABLE(503, "Injector unavailable");

        private final int status;
        private final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }

        /** The problem type: a stable, documented slug. */
        public String slug() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    private final Kind kind;

    public InjectorException(Kind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public InjectorException(Kind kind, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static InjectorException invalid(String detail) {
        return new InjectorException(Kind.INVALID_REQUEST, detail);
    }
}
