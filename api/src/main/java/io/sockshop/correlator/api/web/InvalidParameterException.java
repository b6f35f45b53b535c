package io.sockshop.correlator.api.web;

import java.util.List;

/** A request parameter that cannot be used; answered with a 400 problem naming it. */
public class InvalidParameterException extends RuntimeException {

    private final transient List<Problem.InvalidParam> params;

    public InvalidParameterException(String name, String reason) {
        super(name + " " + reason, null, false, false);
        this.params = List.of(new Problem.InvalidParam(name, reason));
    }

    public List<Problem.InvalidParam> params() {
        return params;
    }
}
