package org.cloudgate.csta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.ConnectionListItem;
import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaMessage.AssociationRequest;
import org.cloudgate.csta.model.CstaMessage.AssociationResponse;
import org.cloudgate.csta.model.CstaMessage.Error;
import org.cloudgate.csta.model.CstaMessage.EventReport;
import org.cloudgate.csta.model.CstaMessage.Invoke;
import org.cloudgate.csta.model.CstaMessage.Reject;
import org.cloudgate.csta.model.CstaMessage.Result;
import org.cloudgate.csta.model.CstaRequest;
import org.cloudgate.csta.model.CstaResult;
import org.cloudgate.csta.model.ErrorCategory;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.ForwardingSetting;
import org.cloudgate.csta.model.ForwardingType;
import org.cloudgate.csta.model.LocalConnectionState;
import org.cloudgate.csta.model.Operation;
import org.cloudgate.csta.model.RejectProblem;
import org.cloudgate.csta.model.SnapshotCall;
import org.cloudgate.csta.model.SystemState;

/** One message of every type the model has, by name; shared by the codec tests and the vectors. */
public final class CstaSamples {

    public static final ConnectionId ALICE = new ConnectionId("17", "201");
    public static final ConnectionId BOB = new ConnectionId("17", "202");
    public static final ConnectionId CAROL = new ConnectionId("18", "203");

    private CstaSamples() {
    }

    /** Every request, result and error, in both encodings. */
    public static Map<String, CstaMessage> services() {
        Map<String, CstaMessage> m = new LinkedHashMap<>();
        m.put("make-call", new Invoke(1, new CstaRequest.MakeCall("201", "0041315551234")));
        m.put("answer-call", new Invoke(2, new CstaRequest.AnswerCall(BOB)));
        m.put("clear-call", new Invoke(3, new CstaRequest.ClearCall(new ConnectionId("17", null))));
        m.put("clear-connection", new Invoke(4, new CstaRequest.ClearConnection(ALICE)));
        m.put("consultation-call", new Invoke(5, new CstaRequest.ConsultationCall(ALICE, "203")));
        m.put("hold-call", new Invoke(6, new CstaRequest.HoldCall(ALICE)));
        m.put("retrieve-call", new Invoke(7, new CstaRequest.RetrieveCall(ALICE)));
        m.put("transfer-call", new Invoke(8, new CstaRequest.TransferCall(ALICE, new ConnectionId("18", "201"))));
        m.put("single-step-transfer", new Invoke(9, new CstaRequest.SingleStepTransfer(ALICE, "204")));
        m.put("deflect-call", new Invoke(10, new CstaRequest.DeflectCall(BOB, "0791234567")));
        m.put("monitor-start", new Invoke(11, new CstaRequest.MonitorStart("201")));
        m.put("monitor-stop", new Invoke(12, new CstaRequest.MonitorStop("M201")));
        m.put("snapshot-device", new Invoke(13, new CstaRequest.SnapshotDevice("201")));
        m.put("request-system-status", new Invoke(14, new CstaRequest.RequestSystemStatus()));
        m.put("system-status", new Invoke(15, new CstaRequest.SystemStatus(SystemState.NORMAL)));
        m.put("get-do-not-disturb", new Invoke(16, new CstaRequest.GetDoNotDisturb("201")));
        m.put("set-do-not-disturb", new Invoke(17, new CstaRequest.SetDoNotDisturb("201", true)));
        m.put("get-forwarding", new Invoke(18, new CstaRequest.GetForwarding("201")));
        m.put("set-forwarding", new Invoke(19, new CstaRequest.SetForwarding("201",
                ForwardingType.FORWARD_IMMEDIATE, true, "0791234567")));
        m.put("set-forwarding-off", new Invoke(20, new CstaRequest.SetForwarding("201", null, false, null)));

        m.put("make-call-result", new Result(1, new CstaResult.MakeCallResult(ALICE)));
        m.put("answer-call-result", new Result(2, new CstaResult.Acknowledgement(Operation.ANSWER_CALL)));
        m.put("consultation-call-result", new Result(5, new CstaResult.ConsultationCallResult(CAROL)));
        m.put("transfer-call-result", new Result(8, new CstaResult.TransferCallResult(BOB)));
        m.put("single-step-transfer-result", new Result(9, new CstaResult.SingleStepTransferResult(CAROL)));
        m.put("monitor-start-result", new Result(11, new CstaResult.MonitorStartResult("M201")));
        m.put("monitor-stop-result", new Result(12, new CstaResult.Acknowledgement(Operation.MONITOR_STOP)));
        m.put("snapshot-device-result", new Result(13, new CstaResult.SnapshotDeviceResult(List.of(
                new SnapshotCall(ALICE, List.of(LocalConnectionState.CONNECTED, LocalConnectionState.CONNECTED)),
                new SnapshotCall(new ConnectionId("18", "201"), List.of(LocalConnectionState.HOLD))))));
        m.put("request-system-status-result", new Result(14,
                new CstaResult.RequestSystemStatusResult(SystemState.NORMAL)));
        m.put("system-status-result", new Result(15, new CstaResult.Acknowledgement(Operation.SYSTEM_STATUS)));
        m.put("get-do-not-disturb-result", new Result(16, new CstaResult.GetDoNotDisturbResult(true)));
        m.put("get-forwarding-result", new Result(18, new CstaResult.GetForwardingResult(List.of(
                new ForwardingSetting(ForwardingType.FORWARD_IMMEDIATE, true, "0791234567"),
                new ForwardingSetting(ForwardingType.FORWARD_BUSY, false, null)))));

        m.put("error-overall-monitor-limit", new Error(11, CstaError.OVERALL_MONITOR_LIMIT_EXCEEDED));
        m.put("error-invalid-connection", new Error(6, new CstaError(ErrorCategory.OPERATION, 13)));
        m.put("error-unspecified", new Error(3, CstaError.UNSPECIFIED));
        m.put("error-no-call-to-answer", new Error(2, new CstaError(ErrorCategory.STATE_INCOMPATIBILITY, 8)));
        return m;
    }

    /** Every event, as event reports with the ECMA-323 event invoke id. */
    public static Map<String, CstaMessage> events() {
        Map<String, CstaMessage> m = new LinkedHashMap<>();
        put(m, "call-cleared", new CstaEvent.CallCleared(new ConnectionId("17", null), EventCause.NORMAL_CLEARING));
        put(m, "conferenced", new CstaEvent.Conferenced(ALICE, new ConnectionId("18", "201"), "201", "203",
                List.of(new ConnectionListItem(new ConnectionId("19", "202"), BOB, "202"),
                        new ConnectionListItem(new ConnectionId("19", "203"), CAROL, "203")),
                LocalConnectionState.CONNECTED, EventCause.CONFERENCE));
        put(m, "connection-cleared", new CstaEvent.ConnectionCleared(BOB, "202", LocalConnectionState.NULL,
                EventCause.NORMAL_CLEARING));
        put(m, "delivered", new CstaEvent.Delivered(BOB, "202", "201", "202", null, LocalConnectionState.ALERTING,
                EventCause.NEW_CALL));
        put(m, "diverted", new CstaEvent.Diverted(BOB, "202", "0791234567", "201", "202", null,
                LocalConnectionState.NULL, EventCause.CALL_FORWARD_IMMEDIATE));
        put(m, "established", new CstaEvent.Established(BOB, "202", "201", "202", null,
                LocalConnectionState.CONNECTED, EventCause.NEW_CALL));
        put(m, "failed", new CstaEvent.Failed(BOB, "202", "201", "202", null, LocalConnectionState.FAIL,
                EventCause.BUSY));
        put(m, "held", new CstaEvent.Held(ALICE, "201", LocalConnectionState.HOLD, EventCause.NORMAL));
        put(m, "originated", new CstaEvent.Originated(ALICE, "201", "202", LocalConnectionState.CONNECTED,
                EventCause.NEW_CALL));
        put(m, "retrieved", new CstaEvent.Retrieved(ALICE, "201", LocalConnectionState.CONNECTED, EventCause.NORMAL));
        put(m, "service-initiated", new CstaEvent.ServiceInitiated(ALICE, "201", LocalConnectionState.INITIATED,
                EventCause.NEW_CALL));
        put(m, "transferred", new CstaEvent.Transferred(ALICE, new ConnectionId("18", "201"), "201", "203",
                List.of(new ConnectionListItem(new ConnectionId("19", "202"), BOB, "202")),
                LocalConnectionState.NULL, EventCause.TRANSFER));
        put(m, "do-not-disturb", new CstaEvent.DoNotDisturb("201", true));
        put(m, "forwarding", new CstaEvent.Forwarding("201", ForwardingType.FORWARD_NO_ANSWER, true, "0791234567"));
        return m;
    }

    /** Messages only the BER encoding has: ROSE reject and the ACSE exchange. */
    public static Map<String, CstaMessage> berOnly() {
        Map<String, CstaMessage> m = new LinkedHashMap<>();
        m.put("reject-unrecognized-operation", new Reject(21, RejectProblem.UNRECOGNIZED_OPERATION));
        m.put("reject-mistyped-pdu", new Reject(-1, RejectProblem.MISTYPED_PDU));
        m.put("aarq", new AssociationRequest("cloudgate", "secret"));
        m.put("aare-accepted", new AssociationResponse(true, 0));
        m.put("aare-rejected", new AssociationResponse(false, 14));
        m.put("result-without-data", new Result(4, new CstaResult.Acknowledgement(null)));
        return m;
    }

    private static void put(Map<String, CstaMessage> m, String name, CstaEvent event) {
        m.put(name + "-event", new EventReport(CstaMessage.EVENT_INVOKE_ID, "M201", event));
    }
}
