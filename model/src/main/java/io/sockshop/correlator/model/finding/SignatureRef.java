package io.sockshop.correlator.model.finding;

import io.sockshop.correlator.model.Require;

/** Which signature matched, and which version of its rules. */
public record SignatureRef(String id, Integer version) {
    public SignatureRef {
        Require.nonBlank(id, "id");
        Require.nonNull(version, "version");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
    }
}
