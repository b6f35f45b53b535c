package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.model.finding.Evidence;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Impact;
import io.sockshop.correlator.model.finding.Remediation;
import io.sockshop.correlator.model.finding.RootCause;
import io.sockshop.correlator.model.finding.Severity;

import java.util.List;

/**
 * What a detector concludes from the current state: the signature holds, with this root cause (null
 * when the evidence supports none), these numbers and this evidence. Times are event times (epoch ms):
 * {@code firstSeen} the earliest evidence, {@code detectedAt} when the evidence first completed the
 * signature, {@code lastSeen} the latest evidence.
 *
 * @param active  the symptoms hold now (false: a recovering match, see {@link #recovering()})
 * @param holding the symptoms hold but a guard of the signature no longer does (see {@link #asHolding()})
 */
public record Match(String signature, int version, int precedence, FaultType faultType, RootCause rootCause,
                    Severity severity, double confidence, List<String> reasons, String title, String summary,
                    List<String> affected, List<String> localization, List<Evidence> evidence, Impact impact,
                    Remediation remediation, long firstSeen, long detectedAt, long lastSeen, boolean active,
                    boolean holding) {

    /** A match whose symptoms hold now. */
    public Match(String signature, int version, int precedence, FaultType faultType, RootCause rootCause,
                 Severity severity, double confidence, List<String> reasons, String title, String summary,
                 List<String> affected, List<String> localization, List<Evidence> evidence, Impact impact,
                 Remediation remediation, long firstSeen, long detectedAt, long lastSeen) {
        this(signature, version, precedence, faultType, rootCause, severity, confidence, reasons, title, summary,
                affected, localization, evidence, impact, remediation, firstSeen, detectedAt, lastSeen, true, false);
    }

    /**
     * The same conclusion after the cause went away (the service is back): it updates the open incident's
     * final numbers but neither opens an incident nor keeps one from resolving.
     */
    public Match recovering() {
        return new Match(signature, version, precedence, faultType, rootCause, severity, confidence, reasons, title,
                summary, affected, localization, evidence, impact, remediation, firstSeen, detectedAt, lastSeen, false, false);
    }

    /**
     * The symptoms still hold, but something the signature rules out has begun (a restart under a
     * latency incident): a more specific signature is taking over. It keeps an open incident of this key
     * open, unchanged, so that the incident that explains it better can supersede it, but it opens nothing.
     */
    public Match asHolding() {
        return new Match(signature, version, precedence, faultType, rootCause, severity, confidence, reasons, title,
                summary, affected, localization, evidence, impact, remediation, firstSeen, detectedAt, lastSeen, true, true);
    }

    public String rootCauseService() {
        return rootCause == null ? null : rootCause.service();
    }

    /** Services this match speaks for: its root cause and everything it says is affected. */
    public boolean covers(String service) {
        return service != null && (service.equals(rootCauseService()) || affected.contains(service));
    }

    /** Services this match suspects: its root cause and its localization. */
    public boolean suspects(String service) {
        return service != null && (service.equals(rootCauseService()) || localization.contains(service));
    }
}
