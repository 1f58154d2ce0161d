package org.cloudgate.csta.model;

/**
 * The state of one connection as the monitored device sees it (ECMA-269 6.1.5, ECMA-285
 * {@code LocalConnectionState}, numbered 0 to 6 in this order).
 */
public enum LocalConnectionState {
    NULL, INITIATED, ALERTING, CONNECTED, HOLD, QUEUED, FAIL;

    /** The ECMA-285 numbers and ECMA-323 identifiers. */
    public static final CodeTable<LocalConnectionState> WIRE = new CodeTable<>(values(),
            "null", "initiated", "alerting", "connected", "hold", "queued", "fail");
}
