package io.sockshop.correlator.model.finding;

public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW
}
