package org.cloudgate.csta.model;

/**
 * The condition under which calls to a device are forwarded (ECMA-269 12.2.15, ECMA-285
 * {@code ForwardingType}, numbered 0 to 11 in this order).
 */
public enum ForwardingType {
    FORWARD_IMMEDIATE, FORWARD_BUSY, FORWARD_NO_ANSWER, FORWARD_BUSY_INTERNAL, FORWARD_BUSY_EXTERNAL,
    FORWARD_NO_ANSWER_INTERNAL, FORWARD_NO_ANSWER_EXTERNAL, FORWARD_IMMEDIATE_INTERNAL,
    FORWARD_IMMEDIATE_EXTERNAL, FORWARD_DND, FORWARD_DND_INTERNAL, FORWARD_DND_EXTERNAL;

    /** The ECMA-285 numbers and ECMA-323 identifiers. */
    public static final CodeTable<ForwardingType> WIRE = new CodeTable<>(values(),
            "forwardImmediate", "forwardBusy", "forwardNoAns", "forwardBusyInt", "forwardBusyExt",
            "forwardNoAnsInt", "forwardNoAnsExt", "forwardImmInt", "forwardImmExt", "forwardDND",
            "forwardDNDInt", "forwardDNDExt");
}
