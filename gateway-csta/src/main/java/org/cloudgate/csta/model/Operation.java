package org.cloudgate.csta.model;

/**
 * The CSTA services the gateway invokes or answers, with their ECMA-285 operation codes and
 * their ECMA-323 element names (request element; the positive response is the same name with
 * {@code Response} appended).
 */
public enum Operation {
    ANSWER_CALL(2, "AnswerCall"),
    CLEAR_CALL(4, "ClearCall"),
    CLEAR_CONNECTION(5, "ClearConnection"),
    CONSULTATION_CALL(7, "ConsultationCall"),
    HOLD_CALL(9, "HoldCall"),
    MAKE_CALL(10, "MakeCall"),
    RETRIEVE_CALL(14, "RetrieveCall"),
    TRANSFER_CALL(16, "TransferCall"),
    SINGLE_STEP_TRANSFER(50, "SingleStepTransferCall"),
    MONITOR_START(71, "MonitorStart"),
    MONITOR_STOP(73, "MonitorStop"),
    SNAPSHOT_DEVICE(74, "SnapshotDevice"),
    REQUEST_SYSTEM_STATUS(210, "RequestSystemStatus"),
    SYSTEM_STATUS(211, "SystemStatus"),
    DEFLECT_CALL(218, "DeflectCall"),
    GET_DO_NOT_DISTURB(308, "GetDoNotDisturb"),
    GET_FORWARDING(309, "GetForwarding"),
    SET_DO_NOT_DISTURB(316, "SetDoNotDisturb"),
    SET_FORWARDING(317, "SetForwarding");

    /** The ECMA-285 code of the event report operation, which carries every event. */
    public static final int EVENT_REPORT_CODE = 21;

    private static final Operation[] BY_CODE = new Operation[318];

    static {
        for (Operation operation : values()) {
            BY_CODE[operation.code] = operation;
        }
    }

    private final int code;
    private final String xmlName;
    private final String xmlResponseName;

    Operation(int code, String xmlName) {
        this.code = code;
        this.xmlName = xmlName;
        this.xmlResponseName = xmlName + "Response";
    }

    /** The local operation code in ECMA-285. */
    public int code() {
        return code;
    }

    /** The ECMA-323 element name of the request. */
    public String xmlName() {
        return xmlName;
    }

    /** The ECMA-323 element name of the positive response. */
    public String xmlResponseName() {
        return xmlResponseName;
    }

    /** The operation with this ECMA-285 code, or {@code null} if the gateway does not know it. */
    public static Operation ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
