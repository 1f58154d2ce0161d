package org.cloudgate.csta.link;

/** Where a CSTA link is; the ordinal is the value of the {@code csta.link.state} gauge. */
public enum LinkState {
    /** No connection; a reconnect is scheduled unless the link was stopped. */
    DOWN,
    /** Connecting, or connected and opening the session. */
    CONNECTING,
    /** Session open: requests can be sent and events arrive. */
    UP
}
