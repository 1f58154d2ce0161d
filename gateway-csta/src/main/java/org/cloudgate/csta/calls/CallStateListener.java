package org.cloudgate.csta.calls;

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

    /** The device's presence changed. */
    default void presenceChanged(String device, Presence previous, Presence current) {
    }
}
