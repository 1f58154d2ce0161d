package org.cloudgate.core.events;

import java.util.Locale;

/** The kinds of events in the stream; the label is the JSON {@code type} and the metric tag. */
public enum EventKind {
    /** A user's presence changed. */
    PRESENCE,
    /** A call at a user's device began, changed state or ended. */
    CALL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
