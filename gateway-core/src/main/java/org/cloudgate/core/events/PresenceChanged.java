package org.cloudgate.core.events;

import java.util.Objects;
import org.cloudgate.csta.calls.Presence;

/**
 * A user's presence changed, as derived from the device's calls and features
 * ({@link Presence}).
 *
 * @param user     the user's extension
 * @param previous the presence before
 * @param presence the presence now
 */
public record PresenceChanged(String user, Presence previous, Presence presence) implements EventBody {

    public PresenceChanged {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(presence, "presence");
    }

    @Override
    public EventKind kind() {
        return EventKind.PRESENCE;
    }
}
