package org.cloudgate.core.events;

/** What happened, before the journal gives it an id and a time. */
public sealed interface EventBody permits PresenceChanged, CallChanged, UserChanged {

    EventKind kind();

    /** The user the event is about, by extension (the user's CSTA device). */
    String user();
}
