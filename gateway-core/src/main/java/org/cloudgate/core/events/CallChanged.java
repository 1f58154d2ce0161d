package org.cloudgate.core.events;

import java.util.Objects;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.LocalConnectionState;

/**
 * A call at a user's device began, changed or ended (ECMA-269 6.1.5: the state of the device's
 * connection; {@link LocalConnectionState#NULL} means the call left the device).
 *
 * @param user       the user's extension
 * @param callId     the switch's identifier of the call (ECMA-269 6.1.3)
 * @param state      the state of the user's connection
 * @param otherParty the first other device the events named, or {@code null} when none is known
 * @param cause      why it changed (ECMA-269 12.2.10), or {@code null} when the switch did not say
 */
public record CallChanged(String user, String callId, LocalConnectionState state, String otherParty,
                          EventCause cause) implements EventBody {

    public CallChanged {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(state, "state");
    }

    @Override
    public EventKind kind() {
        return EventKind.CALL;
    }
}
