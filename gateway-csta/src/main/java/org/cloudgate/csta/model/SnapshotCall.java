package org.cloudgate.csta.model;

import java.util.List;
import java.util.Objects;

/**
 * One call in a SnapshotDevice answer: the device's connection and the states of the call's
 * connections as a compound call state (ECMA-269 16.1.3, ECMA-285 {@code SnapshotDeviceResponseInfo}).
 */
public record SnapshotCall(ConnectionId connection, List<LocalConnectionState> callState) {

    /** Copies the state list. */
    public SnapshotCall {
        Objects.requireNonNull(connection, "connection");
        callState = List.copyOf(callState);
    }
}
