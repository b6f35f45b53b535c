package io.sockshop.correlator.api.web;

/** A resource this replica does not know; answered with a 404 problem saying what was looked for. */
public class NotFoundProblemException extends RuntimeException {

    public NotFoundProblemException(String detail) {
        super(detail, null, false, false);
    }
}
