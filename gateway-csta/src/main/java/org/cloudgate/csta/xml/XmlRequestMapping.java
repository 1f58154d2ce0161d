package org.cloudgate.csta.xml;

import static org.cloudgate.csta.xml.CstaXmlTypes.readConnection;
import static org.cloudgate.csta.xml.CstaXmlTypes.writeConnection;

import org.cloudgate.csta.codec.CstaDecodeException;
import org.cloudgate.csta.model.CstaRequest;
import org.cloudgate.csta.model.CstaRequest.AnswerCall;
import org.cloudgate.csta.model.CstaRequest.ClearCall;
import org.cloudgate.csta.model.CstaRequest.ClearConnection;
import org.cloudgate.csta.model.CstaRequest.ConsultationCall;
import org.cloudgate.csta.model.CstaRequest.DeflectCall;
import org.cloudgate.csta.model.CstaRequest.GetDoNotDisturb;
import org.cloudgate.csta.model.CstaRequest.GetForwarding;
import org.cloudgate.csta.model.CstaRequest.HoldCall;
import org.cloudgate.csta.model.CstaRequest.MakeCall;
import org.cloudgate.csta.model.CstaRequest.MonitorStart;
import org.cloudgate.csta.model.CstaRequest.MonitorStop;
import org.cloudgate.csta.model.CstaRequest.RequestSystemStatus;
import org.cloudgate.csta.model.CstaRequest.RetrieveCall;
import org.cloudgate.csta.model.CstaRequest.SetDoNotDisturb;
import org.cloudgate.csta.model.CstaRequest.SetForwarding;
import org.cloudgate.csta.model.CstaRequest.SingleStepTransfer;
import org.cloudgate.csta.model.CstaRequest.SnapshotDevice;
import org.cloudgate.csta.model.CstaRequest.SystemStatus;
import org.cloudgate.csta.model.CstaRequest.TransferCall;
import org.cloudgate.csta.model.ForwardingType;
import org.cloudgate.csta.model.Operation;
import org.cloudgate.csta.model.SystemState;

/** The ECMA-323 request documents of the supported services (element per parameter, ECMA-323 clauses 17 to 22). */
final class XmlRequestMapping {

    private XmlRequestMapping() {
    }

    static void write(XmlDocumentWriter w, CstaRequest request) {
        switch (request.operation()) {
            case MAKE_CALL -> {
                MakeCall r = (MakeCall) request;
                w.element("callingDevice", r.callingDevice()).element("calledDirectoryNumber", r.calledDirectoryNumber());
            }
            case ANSWER_CALL -> writeConnection(w, "callToBeAnswered", ((AnswerCall) request).callToBeAnswered());
            case CLEAR_CALL -> writeConnection(w, "callToBeCleared", ((ClearCall) request).callToBeCleared());
            case CLEAR_CONNECTION -> writeConnection(w, "connectionToBeCleared",
                    ((ClearConnection) request).connectionToBeCleared());
            case CONSULTATION_CALL -> {
                ConsultationCall r = (ConsultationCall) request;
                writeConnection(w, "existingCall", r.existingCall());
                w.element("consultedDevice", r.consultedDevice());
            }
            case HOLD_CALL -> writeConnection(w, "callToBeHeld", ((HoldCall) request).callToBeHeld());
            case RETRIEVE_CALL -> writeConnection(w, "callToBeRetrieved", ((RetrieveCall) request).callToBeRetrieved());
            case TRANSFER_CALL -> {
                TransferCall r = (TransferCall) request;
                writeConnection(w, "heldCall", r.heldCall());
                writeConnection(w, "activeCall", r.activeCall());
            }
            case SINGLE_STEP_TRANSFER -> {
                SingleStepTransfer r = (SingleStepTransfer) request;
                writeConnection(w, "activeCall", r.activeCall());
                w.element("transferredTo", r.transferredTo());
            }
            case DEFLECT_CALL -> {
                DeflectCall r = (DeflectCall) request;
                writeConnection(w, "callToBeDiverted", r.callToBeDiverted());
                w.element("newDestination", r.newDestination());
            }
            case MONITOR_START -> w.start("monitorObject")
                    .element("deviceObject", ((MonitorStart) request).monitorObject()).end("monitorObject");
            case MONITOR_STOP -> w.element("monitorCrossRefID", ((MonitorStop) request).monitorCrossRefId());
            case SNAPSHOT_DEVICE -> w.element("snapshotObject", ((SnapshotDevice) request).snapshotObject());
            case REQUEST_SYSTEM_STATUS -> {
                // no parameters (ECMA-323 RequestSystemStatus)
            }
            case SYSTEM_STATUS -> w.element("systemStatus", SystemState.WIRE.xmlName(((SystemStatus) request).systemStatus()));
            case GET_DO_NOT_DISTURB -> w.element("device", ((GetDoNotDisturb) request).device());
            case SET_DO_NOT_DISTURB -> {
                SetDoNotDisturb r = (SetDoNotDisturb) request;
                w.element("device", r.device()).element("doNotDisturbOn", Boolean.toString(r.doNotDisturbOn()));
            }
            case GET_FORWARDING -> w.element("device", ((GetForwarding) request).device());
            case SET_FORWARDING -> {
                SetForwarding r = (SetForwarding) request;
                w.element("device", r.device())
                        .element("forwardingType", CstaXmlTypes.forwardingName(r.forwardingType()))
                        .element("activateForward", Boolean.toString(r.activateForward()))
                        .element("forwardDN", r.forwardDn());
            }
        }
    }

    static CstaRequest read(XmlElement root, Operation operation) {
        return switch (operation) {
            case MAKE_CALL -> new MakeCall(root.requireText("callingDevice"), root.requireText("calledDirectoryNumber"));
            case ANSWER_CALL -> new AnswerCall(readConnection(root, "callToBeAnswered"));
            case CLEAR_CALL -> new ClearCall(readConnection(root, "callToBeCleared"));
            case CLEAR_CONNECTION -> new ClearConnection(readConnection(root, "connectionToBeCleared"));
            case CONSULTATION_CALL -> new ConsultationCall(readConnection(root, "existingCall"),
                    root.requireText("consultedDevice"));
            case HOLD_CALL -> new HoldCall(readConnection(root, "callToBeHeld"));
            case RETRIEVE_CALL -> new RetrieveCall(readConnection(root, "callToBeRetrieved"));
            case TRANSFER_CALL -> new TransferCall(readConnection(root, "heldCall"), readConnection(root, "activeCall"));
            case SINGLE_STEP_TRANSFER -> new SingleStepTransfer(readConnection(root, "activeCall"),
                    root.requireText("transferredTo"));
            case DEFLECT_CALL -> new DeflectCall(readConnection(root, "callToBeDiverted"),
                    root.requireText("newDestination"));
            case MONITOR_START -> new MonitorStart(root.require("monitorObject").requireText("deviceObject"));
            case MONITOR_STOP -> new MonitorStop(root.requireText("monitorCrossRefID"));
            case SNAPSHOT_DEVICE -> new SnapshotDevice(root.requireText("snapshotObject"));
            case REQUEST_SYSTEM_STATUS -> new RequestSystemStatus();
            case SYSTEM_STATUS -> new SystemStatus(readSystemState(root));
            case GET_DO_NOT_DISTURB -> new GetDoNotDisturb(root.requireText("device"));
            case SET_DO_NOT_DISTURB -> new SetDoNotDisturb(root.requireText("device"),
                    CstaXmlTypes.readBoolean(root, "doNotDisturbOn"));
            case GET_FORWARDING -> new GetForwarding(root.requireText("device"));
            case SET_FORWARDING -> new SetForwarding(root.requireText("device"),
                    readForwardingType(root, "forwardingType"),
                    CstaXmlTypes.readBoolean(root, "activateForward"), root.childText("forwardDN"));
        };
    }

    static SystemState readSystemState(XmlElement parent) {
        String text = parent.requireText("systemStatus");
        SystemState state = SystemState.WIRE.ofXmlName(text);
        if (state == null) {
            throw new CstaDecodeException("unknown systemStatus '" + text + "' in " + parent.path(), -1);
        }
        return state;
    }

    /** The forwarding type, {@code null} when absent; an unknown name is a decode failure. */
    static ForwardingType readForwardingType(XmlElement parent, String name) {
        String text = parent.childText(name);
        if (text == null) {
            return null;
        }
        ForwardingType type = ForwardingType.WIRE.ofXmlName(text);
        if (type == null) {
            throw new CstaDecodeException("unknown forwardingType '" + text + "' in " + parent.path(), -1);
        }
        return type;
    }
}
