package org.cloudgate.csta.calls;

import org.cloudgate.csta.model.EventCause;

/**
 * Learns what happens at monitored devices, e.g. to publish calls and presence to the cloud
 * platform. Called on the CSTA link's event loop: an implementation must not block.
 */
public interface CallStateListener {

    /**
     * A call at the device began, changed or ended; an ended call has state
     * {@link org.cloudgate.csta.model.LocalConnectionState#NULL}.
     */
    default void callChanged(String device, Call call) {
    }

    /**
     * As {@link #callChanged(String, Call)}, with the cause the switch gave for the change
     * (ECMA-269 12.2.10), or {@code null} when it gave none (e.g. a change a snapshot revealed).
     * Implementations that need the cause override this one; by default it forgets the cause.
     */
    default void callChanged(String device, Call call, EventCause cause) {
        callChanged(device, call);
    }

    /** The device's presence changed. */
    default void presenceChanged(String device, Presence previous, Presence current) {
    }
}
