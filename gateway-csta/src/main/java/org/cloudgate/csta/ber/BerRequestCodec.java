package org.cloudgate.csta.ber;

import static org.cloudgate.csta.ber.BerTag.CONNECTION_ID;
import static org.cloudgate.csta.ber.BerTag.contextConstructed;
import static org.cloudgate.csta.ber.CstaBerTypes.readConnectionId;
import static org.cloudgate.csta.ber.CstaBerTypes.readDeviceId;
import static org.cloudgate.csta.ber.CstaBerTypes.writeConnectionId;
import static org.cloudgate.csta.ber.CstaBerTypes.writeDeviceId;

import org.cloudgate.csta.model.ConnectionId;
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

/**
 * The arguments of the supported operations, each a SEQUENCE as defined in the ECMA-285 module
 * of the service (e.g. CSTA-make-call). Optional fields the model does not hold are skipped.
 */
final class BerRequestCodec {

    private BerRequestCodec() {
    }

    static void write(BerWriter w, CstaRequest request) {
        w.start(BerTag.SEQUENCE);
        switch (request.operation()) {
            case MAKE_CALL -> {
                MakeCall r = (MakeCall) request;
                writeDeviceId(w, r.callingDevice());
                writeDeviceId(w, r.calledDirectoryNumber());
            }
            case ANSWER_CALL -> writeConnectionId(w, CONNECTION_ID, ((AnswerCall) request).callToBeAnswered());
            case CLEAR_CALL -> writeConnectionId(w, CONNECTION_ID, ((ClearCall) request).callToBeCleared());
            case CLEAR_CONNECTION -> writeConnectionId(w, CONNECTION_ID,
                    ((ClearConnection) request).connectionToBeCleared());
            case CONSULTATION_CALL -> {
                ConsultationCall r = (ConsultationCall) request;
                writeConnectionId(w, contextConstructed(0), r.existingCall());
                w.start(contextConstructed(1));
                writeDeviceId(w, r.consultedDevice());
                w.end();
            }
            case HOLD_CALL -> writeConnectionId(w, CONNECTION_ID, ((HoldCall) request).callToBeHeld());
            case RETRIEVE_CALL -> writeConnectionId(w, CONNECTION_ID, ((RetrieveCall) request).callToBeRetrieved());
            case TRANSFER_CALL -> {
                TransferCall r = (TransferCall) request;
                writeConnectionId(w, CONNECTION_ID, r.heldCall());
                writeConnectionId(w, CONNECTION_ID, r.activeCall());
            }
            case SINGLE_STEP_TRANSFER -> {
                SingleStepTransfer r = (SingleStepTransfer) request;
                writeConnectionId(w, CONNECTION_ID, r.activeCall());
                writeDeviceId(w, r.transferredTo());
            }
            case DEFLECT_CALL -> {
                DeflectCall r = (DeflectCall) request;
                writeConnectionId(w, CONNECTION_ID, r.callToBeDiverted());
                writeDeviceId(w, r.newDestination());
            }
            case MONITOR_START -> writeDeviceId(w, ((MonitorStart) request).monitorObject());
            case MONITOR_STOP -> w.writeString(BerTag.MONITOR_CROSS_REF_ID,
                    ((MonitorStop) request).monitorCrossRefId());
            case SNAPSHOT_DEVICE -> writeDeviceId(w, ((SnapshotDevice) request).snapshotObject());
            case REQUEST_SYSTEM_STATUS -> {
                // RequestSysStatArg has only optional fields (ECMA-285 CSTA-request-system-status).
            }
            case SYSTEM_STATUS -> w.writeInt(BerTag.ENUMERATED, SystemState.WIRE.code(((SystemStatus) request).systemStatus()));
            case GET_DO_NOT_DISTURB -> writeDeviceId(w, ((GetDoNotDisturb) request).device());
            case SET_DO_NOT_DISTURB -> {
                SetDoNotDisturb r = (SetDoNotDisturb) request;
                writeDeviceId(w, r.device());
                w.writeBoolean(BerTag.BOOLEAN, r.doNotDisturbOn());
            }
            case GET_FORWARDING -> writeDeviceId(w, ((GetForwarding) request).device());
            case SET_FORWARDING -> {
                SetForwarding r = (SetForwarding) request;
                writeDeviceId(w, r.device());
                if (r.forwardingType() != null) {
                    w.writeInt(BerTag.ENUMERATED, ForwardingType.WIRE.code(r.forwardingType()));
                }
                w.writeBoolean(BerTag.BOOLEAN, r.activateForward());
                if (r.forwardDn() != null) {
                    writeDeviceId(w, r.forwardDn());
                }
            }
        }
        w.end();
    }

    static CstaRequest read(BerReader r, Operation operation) {
        r.enter(BerTag.SEQUENCE);
        CstaRequest request = switch (operation) {
            case MAKE_CALL -> {
                String calling = readDeviceId(r);
                yield new MakeCall(calling, readDeviceId(r));
            }
            case ANSWER_CALL -> new AnswerCall(readConnection(r));
            case CLEAR_CALL -> new ClearCall(readConnection(r));
            case CLEAR_CONNECTION -> new ClearConnection(readConnection(r));
            case CONSULTATION_CALL -> {
                ConnectionId existing = readConnectionId(r, contextConstructed(0));
                r.enter(contextConstructed(1));
                String consulted = readDeviceId(r);
                r.exit();
                yield new ConsultationCall(existing, consulted);
            }
            case HOLD_CALL -> new HoldCall(readConnection(r));
            case RETRIEVE_CALL -> new RetrieveCall(readConnection(r));
            case TRANSFER_CALL -> {
                ConnectionId held = readConnection(r);
                yield new TransferCall(held, readConnection(r));
            }
            case SINGLE_STEP_TRANSFER -> {
                ConnectionId active = readConnection(r);
                yield new SingleStepTransfer(active, readDeviceId(r));
            }
            case DEFLECT_CALL -> {
                ConnectionId diverted = readConnection(r);
                yield new DeflectCall(diverted, readDeviceId(r));
            }
            case MONITOR_START -> {
                if (!r.at(BerTag.SEQUENCE)) {
                    throw r.fail("only device monitors are supported");
                }
                yield new MonitorStart(readDeviceId(r));
            }
            case MONITOR_STOP -> new MonitorStop(r.readString(BerTag.MONITOR_CROSS_REF_ID));
            case SNAPSHOT_DEVICE -> new SnapshotDevice(readDeviceId(r));
            case REQUEST_SYSTEM_STATUS -> new RequestSystemStatus();
            case SYSTEM_STATUS -> {
                if (r.at(BerTag.OCTET_STRING)) {
                    r.skip();
                }
                yield new SystemStatus(readSystemState(r));
            }
            case GET_DO_NOT_DISTURB -> new GetDoNotDisturb(readDeviceId(r));
            case SET_DO_NOT_DISTURB -> {
                String device = readDeviceId(r);
                yield new SetDoNotDisturb(device, r.readBoolean(BerTag.BOOLEAN));
            }
            case GET_FORWARDING -> new GetForwarding(readDeviceId(r));
            case SET_FORWARDING -> {
                String device = readDeviceId(r);
                ForwardingType type = r.at(BerTag.ENUMERATED)
                        ? ForwardingType.WIRE.ofCode(r.readInt(BerTag.ENUMERATED)) : null;
                boolean activate = r.readBoolean(BerTag.BOOLEAN);
                String forwardDn = r.at(BerTag.SEQUENCE) ? readDeviceId(r) : null;
                yield new SetForwarding(device, type, activate, forwardDn);
            }
        };
        r.exit();
        return request;
    }

    /** Reads an ECMA-285 {@code SystemStatus} ENUMERATED value. */
    static SystemState readSystemState(BerReader r) {
        int code = r.readInt(BerTag.ENUMERATED);
        SystemState state = SystemState.WIRE.ofCode(code);
        if (state == null) {
            throw r.fail("unknown system status " + code);
        }
        return state;
    }

    private static ConnectionId readConnection(BerReader r) {
        return readConnectionId(r, CONNECTION_ID);
    }
}
