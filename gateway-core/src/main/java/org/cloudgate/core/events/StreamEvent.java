package org.cloudgate.core.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of the stream: its id (increasing by one from event to event), when the journal
 * took it, what happened, and its JSON text, encoded once for every client.
 */
public record StreamEvent(long id, Instant time, EventBody body, byte[] json) {

    public StreamEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(json, "json");
    }

    /** Whether a client that asked for {@code user}'s events only ({@code null}: everyone's) gets this one. */
    public boolean concerns(String user) {
        return user == null || user.equals(body.user());
    }
}
