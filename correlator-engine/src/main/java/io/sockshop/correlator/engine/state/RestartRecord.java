package io.sockshop.correlator.engine.state;

/** One container restart seen on a Pod: when it terminated, why, and the watch record that showed it. */
public record RestartRecord(long time, String pod, String reason, Integer exitCode, String eventId) {

    public boolean oomKilled() {
        return "OOMKilled".equals(reason);
    }
}
