package org.cloudgate.csta.model;

/**
 * One entry of the connection list in Conferenced and Transferred events: which connection
 * replaced which, and at which device (ECMA-269 12.2.6, ECMA-285 {@code ConnectionList}).
 * Any part may be {@code null}.
 */
public record ConnectionListItem(ConnectionId newConnection, ConnectionId oldConnection, String endpoint) {
}
