package org.cloudgate.csta.xml;

import static org.cloudgate.csta.xml.CstaXmlTypes.readConnection;
import static org.cloudgate.csta.xml.CstaXmlTypes.writeConnection;

import java.util.ArrayList;
import java.util.List;
import org.cloudgate.csta.model.CstaResult;
import org.cloudgate.csta.model.CstaResult.Acknowledgement;
import org.cloudgate.csta.model.CstaResult.ConsultationCallResult;
import org.cloudgate.csta.model.CstaResult.GetDoNotDisturbResult;
import org.cloudgate.csta.model.CstaResult.GetForwardingResult;
import org.cloudgate.csta.model.CstaResult.MakeCallResult;
import org.cloudgate.csta.model.CstaResult.MonitorStartResult;
import org.cloudgate.csta.model.CstaResult.RequestSystemStatusResult;
import org.cloudgate.csta.model.CstaResult.SingleStepTransferResult;
import org.cloudgate.csta.model.CstaResult.SnapshotDeviceResult;
import org.cloudgate.csta.model.CstaResult.TransferCallResult;
import org.cloudgate.csta.model.ForwardingSetting;
import org.cloudgate.csta.model.ForwardingType;
import org.cloudgate.csta.model.LocalConnectionState;
import org.cloudgate.csta.model.Operation;
import org.cloudgate.csta.model.SnapshotCall;
import org.cloudgate.csta.model.SystemState;

/** The ECMA-323 positive response documents ({@code ...Response}) of the supported services. */
final class XmlResultMapping {

    private XmlResultMapping() {
    }

    static void write(XmlDocumentWriter w, CstaResult result) {
        switch (result.operation()) {
            case MAKE_CALL -> writeConnection(w, "callingDevice", ((MakeCallResult) result).callingDevice());
            case CONSULTATION_CALL -> writeConnection(w, "initiatedCall", ((ConsultationCallResult) result).initiatedCall());
            case TRANSFER_CALL -> writeConnection(w, "transferredCall", ((TransferCallResult) result).transferredCall());
            case SINGLE_STEP_TRANSFER -> writeConnection(w, "transferredCall",
                    ((SingleStepTransferResult) result).transferredCall());
            case MONITOR_START -> w.element("monitorCrossRefID", ((MonitorStartResult) result).monitorCrossRefId());
            case SNAPSHOT_DEVICE -> writeSnapshot(w, (SnapshotDeviceResult) result);
            case REQUEST_SYSTEM_STATUS -> w.element("systemStatus",
                    SystemState.WIRE.xmlName(((RequestSystemStatusResult) result).systemStatus()));
            case GET_DO_NOT_DISTURB -> w.element("doNotDisturbOn",
                    Boolean.toString(((GetDoNotDisturbResult) result).doNotDisturbOn()));
            case GET_FORWARDING -> writeForwardList(w, (GetForwardingResult) result);
            default -> {
                // an acknowledgement is the empty response element
            }
        }
    }

    static CstaResult read(XmlElement root, Operation operation) {
        return switch (operation) {
            case MAKE_CALL -> new MakeCallResult(readConnection(root, "callingDevice"));
            case CONSULTATION_CALL -> new ConsultationCallResult(readConnection(root, "initiatedCall"));
            case TRANSFER_CALL -> new TransferCallResult(readConnection(root, "transferredCall"));
            case SINGLE_STEP_TRANSFER -> new SingleStepTransferResult(readConnection(root, "transferredCall"));
            case MONITOR_START -> new MonitorStartResult(root.requireText("monitorCrossRefID"));
            case SNAPSHOT_DEVICE -> readSnapshot(root);
            case REQUEST_SYSTEM_STATUS -> new RequestSystemStatusResult(XmlRequestMapping.readSystemState(root));
            case GET_DO_NOT_DISTURB -> new GetDoNotDisturbResult(CstaXmlTypes.readBoolean(root, "doNotDisturbOn"));
            case GET_FORWARDING -> readForwardList(root);
            default -> new Acknowledgement(operation);
        };
    }

    private static void writeSnapshot(XmlDocumentWriter w, SnapshotDeviceResult result) {
        w.start("crossRefIDorSnapshotData").start("snapshotData");
        for (SnapshotCall call : result.calls()) {
            w.start("snapshotDeviceResponseInfo");
            writeConnection(w, "connectionIdentifier", call.connection());
            w.start("localCallState").start("compoundCallState");
            for (LocalConnectionState state : call.callState()) {
                w.element("localConnectionState", LocalConnectionState.WIRE.xmlName(state));
            }
            w.end("compoundCallState").end("localCallState").end("snapshotDeviceResponseInfo");
        }
        w.end("snapshotData").end("crossRefIDorSnapshotData");
    }

    private static CstaResult readSnapshot(XmlElement root) {
        List<SnapshotCall> calls = new ArrayList<>();
        XmlElement data = root.require("crossRefIDorSnapshotData").require("snapshotData");
        for (XmlElement info : data.children("snapshotDeviceResponseInfo")) {
            List<LocalConnectionState> states = new ArrayList<>(2);
            XmlElement callState = info.child("localCallState");
            XmlElement compound = callState == null ? null : callState.child("compoundCallState");
            if (compound != null) {
                for (XmlElement state : compound.children("localConnectionState")) {
                    states.add(CstaXmlTypes.state(state.text(), compound, "localConnectionState"));
                }
            }
            calls.add(new SnapshotCall(readConnection(info, "connectionIdentifier"), states));
        }
        return new SnapshotDeviceResult(calls);
    }

    private static void writeForwardList(XmlDocumentWriter w, GetForwardingResult result) {
        w.start("forwardingList");
        for (ForwardingSetting setting : result.forwardingList()) {
            w.start("forwardListItem")
                    .element("forwardingType", CstaXmlTypes.forwardingName(setting.forwardingType()))
                    .element("forwardStatus", Boolean.toString(setting.forwardStatus()))
                    .element("forwardDN", setting.forwardDn())
                    .end("forwardListItem");
        }
        w.end("forwardingList");
    }

    private static CstaResult readForwardList(XmlElement root) {
        List<ForwardingSetting> settings = new ArrayList<>();
        XmlElement list = root.child("forwardingList");
        if (list != null) {
            for (XmlElement item : list.children("forwardListItem")) {
                settings.add(new ForwardingSetting(XmlRequestMapping.readForwardingType(item, "forwardingType"),
                        CstaXmlTypes.readBoolean(item, "forwardStatus"), item.childText("forwardDN")));
            }
        }
        return new GetForwardingResult(settings);
    }
}
