package org.cloudgate.csta.calls;

import java.util.Collection;
import java.util.Locale;
import org.cloudgate.csta.model.ForwardingSetting;
import org.cloudgate.csta.model.ForwardingType;
import org.cloudgate.csta.model.LocalConnectionState;

/**
 * What a user's device is doing, as a presence state for the cloud platform.
 *
 * <p>Derived from the device's calls first, then from its logical-device features:
 * <ol>
 *   <li>{@link #BUSY}: a connection initiated, connected, queued or failed (ECMA-269 6.1.5),
 *       i.e. the user is dialling, talking or hearing a failure tone;
 *   <li>{@link #RINGING}: a call alerting the device and none connected;
 *   <li>{@link #ON_HOLD}: only held calls;
 *   <li>{@link #DO_NOT_DISTURB}: no calls and do-not-disturb on (ECMA-269 21.1.5);
 *   <li>{@link #FORWARDED}: no calls and an immediate forwarding on (ECMA-269 12.2.15:
 *       {@code forwardImmediate} and its internal/external variants; forwarding on busy or no
 *       answer leaves the user available);
 *   <li>{@link #AVAILABLE}: otherwise.
 * </ol>
 */
public enum Presence {
    AVAILABLE, RINGING, BUSY, ON_HOLD, DO_NOT_DISTURB, FORWARDED;

    /** The label used in metrics and logs, e.g. {@code on_hold}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The presence of a device with these calls and features. */
    public static Presence of(Collection<Call> calls, boolean doNotDisturb, Collection<ForwardingSetting> forwarding) {
        Presence byCalls = ofCalls(calls);
        if (byCalls != null) {
            return byCalls;
        }
        if (doNotDisturb) {
            return DO_NOT_DISTURB;
        }
        for (ForwardingSetting setting : forwarding) {
            if (setting.forwardStatus() && isImmediate(setting.forwardingType())) {
                return FORWARDED;
            }
        }
        return AVAILABLE;
    }

    /** The presence the calls alone give ({@link #BUSY}, {@link #RINGING}, {@link #ON_HOLD}), or {@code null}. */
    static Presence ofCalls(Collection<Call> calls) {
        boolean ringing = false;
        boolean held = false;
        for (Call call : calls) {
            LocalConnectionState state = call.state();
            switch (state) {
                case INITIATED, CONNECTED, QUEUED, FAIL -> {
                    return BUSY;
                }
                case ALERTING -> ringing = true;
                case HOLD -> held = true;
                case NULL -> {
                    // the call has left the device
                }
            }
        }
        if (ringing) {
            return RINGING;
        }
        return held ? ON_HOLD : null;
    }

    private static boolean isImmediate(ForwardingType type) {
        return type == ForwardingType.FORWARD_IMMEDIATE || type == ForwardingType.FORWARD_IMMEDIATE_INTERNAL
                || type == ForwardingType.FORWARD_IMMEDIATE_EXTERNAL;
    }
}
