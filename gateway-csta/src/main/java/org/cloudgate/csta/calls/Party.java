package org.cloudgate.csta.calls;

import java.util.Objects;
import org.cloudgate.csta.model.LocalConnectionState;

/**
 * Another device in a call, as the monitored device's events describe it.
 *
 * @param device the device identifier as the switch reported it
 * @param state the state of that device's connection (ECMA-269 6.1.5), or {@code null} when
 *     no event has said it yet
 */
public record Party(String device, LocalConnectionState state) {

    /** Checks that the device is named. */
    public Party {
        Objects.requireNonNull(device, "device");
    }
}
