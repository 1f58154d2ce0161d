package org.cloudgate.core.events;

import java.util.Locale;

/** Why a client is told that events are lost to it; the label is the JSON {@code reason} and the metric tag. */
public enum GapReason {
    /** It resumed after an id older than the journal still holds (by size or by age). */
    EXPIRED,
    /** It resumed after an id the journal never gave, e.g. one from before a restart of the gateway. */
    UNKNOWN_ID,
    /** It read more slowly than events came, and the journal dropped events before they were sent to it. */
    FELL_BEHIND;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
