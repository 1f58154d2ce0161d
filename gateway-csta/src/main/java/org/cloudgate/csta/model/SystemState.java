package org.cloudgate.csta.model;

/**
 * The overall state of the switching function, reported by SystemStatus and answered to
 * RequestSystemStatus (ECMA-269 12.2.29, ECMA-285 {@code SystemStatus}, numbered 0 to 8 in
 * this order).
 */
public enum SystemState {
    INITIALIZING, ENABLED, NORMAL, MESSAGES_LOST, DISABLED, OVERLOAD_IMMINENT, OVERLOAD_REACHED,
    OVERLOAD_RELIEVED, PARTIALLY_DISABLED;

    /** The ECMA-285 numbers and ECMA-323 identifiers. */
    public static final CodeTable<SystemState> WIRE = new CodeTable<>(values(),
            "initializing", "enabled", "normal", "messagesLost", "disabled", "overloadImminent",
            "overloadReached", "overloadRelieved", "partiallyDisabled");
}
