package io.sockshop.correlator.engine.detect;

import java.util.List;

/**
 * One incident signature. A detector reads the application's state through the context, never the
 * raw records and never a service name: which service is the entrypoint, who calls whom, which queue
 * links which services all come from the application topology.
 */
public interface Detector {

    /** The signature id (see {@code Signatures}). */
    String signature();

    /** Version of the rules; bump it when a change alters what fires. */
    int version();

    /**
     * Differential diagnosis order: a lower number explains more. An open incident of a lower number
     * that covers a service suppresses higher numbers on it, and supersedes them when it opens later.
     */
    int precedence();

    /** The matches that hold now (at the context's watermark); empty when the signature does not hold. */
    List<Match> evaluate(DetectionContext context);
}
