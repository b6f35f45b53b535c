package io.sockshop.correlator.injector.journal;

/** Kafka refused or could not take a journal write; the run cannot record what it does. */
public final class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
