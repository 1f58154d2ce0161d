package org.cloudgate.csta.model;

/**
 * The CSTA events the gateway understands, with their place in ECMA-285
 * {@code EventSpecificInfo} (category tag, then event tag) and their ECMA-323 element names.
 */
public enum EventType {
    CALL_CLEARED(0, 1, "CallClearedEvent"),
    CONFERENCED(0, 2, "ConferencedEvent"),
    CONNECTION_CLEARED(0, 3, "ConnectionClearedEvent"),
    DELIVERED(0, 4, "DeliveredEvent"),
    DIVERTED(0, 6, "DivertedEvent"),
    ESTABLISHED(0, 7, "EstablishedEvent"),
    FAILED(0, 8, "FailedEvent"),
    HELD(0, 9, "HeldEvent"),
    ORIGINATED(0, 13, "OriginatedEvent"),
    RETRIEVED(0, 15, "RetrievedEvent"),
    SERVICE_INITIATED(0, 16, "ServiceInitiatedEvent"),
    TRANSFERRED(0, 17, "TransferredEvent"),
    DO_NOT_DISTURB(4, 11, "DoNotDisturbEvent"),
    FORWARDING(4, 12, "ForwardingEvent");

    /** {@code callControlEvents [0]} in {@code EventSpecificInfo}. */
    public static final int CALL_CONTROL = 0;
    /** {@code logicalDeviceFeatureEvents [4]} in {@code EventSpecificInfo}. */
    public static final int LOGICAL_DEVICE_FEATURE = 4;

    private final int category;
    private final int tag;
    private final String xmlName;

    EventType(int category, int tag, String xmlName) {
        this.category = category;
        this.tag = tag;
        this.xmlName = xmlName;
    }

    /** The context tag of the event's category in {@code EventSpecificInfo}. */
    public int category() {
        return category;
    }

    /** The context tag of the event within its category. */
    public int tag() {
        return tag;
    }

    /** The ECMA-323 element name. */
    public String xmlName() {
        return xmlName;
    }

    /** The event at this place, or {@code null} if the gateway does not know it. */
    public static EventType of(int category, int tag) {
        for (EventType type : values()) {
            if (type.category == category && type.tag == tag) {
                return type;
            }
        }
        return null;
    }
}
