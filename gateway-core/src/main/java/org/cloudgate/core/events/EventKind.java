package org.cloudgate.core.events;

import java.util.Locale;

/** The kinds of events in the stream; the label is the JSON {@code type} and the metric tag. */
public enum EventKind {
    /** A user's presence changed. */
    PRESENCE,
    /** A call at a user's device began, changed state or ended. */
    CALL,
    /** A user's onboarding status changed, or the user arrived in or left the directory. */
    USER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
