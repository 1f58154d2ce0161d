package org.cloudgate.csta.calls;

import java.util.List;
import java.util.Objects;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.LocalConnectionState;

/**
 * One call at a monitored device: the device's own connection and its state, and the other
 * parties the events named. Immutable; {@link DeviceCalls} replaces it at each change.
 *
 * @param connection the monitored device's connection in the call (ECMA-269 6.1.3), the
 *     identifier call control requests take
 * @param state the state of that connection (ECMA-269 6.1.5); {@link LocalConnectionState#NULL}
 *     when the call has just ended for the device
 * @param parties the other devices in the call, in the order the events named them; empty
 *     after a snapshot, which gives only connection states (ECMA-269 16.1.3)
 */
public record Call(ConnectionId connection, LocalConnectionState state, List<Party> parties) {

    /** Copies the party list. */
    public Call {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(connection.callId(), "connection.callId");
        Objects.requireNonNull(state, "state");
        parties = List.copyOf(parties);
    }

    /** The switch's identifier of the call. */
    public String callId() {
        return connection.callId();
    }

    /** The state of another device's connection, or {@code null} if it is not known to be in the call. */
    public LocalConnectionState partyState(String device) {
        for (Party party : parties) {
            if (party.device().equals(device)) {
                return party.state();
            }
        }
        return null;
    }

    /** Whether the device is named as another party of the call. */
    public boolean hasParty(String device) {
        for (Party party : parties) {
            if (party.device().equals(device)) {
                return true;
            }
        }
        return false;
    }
}
