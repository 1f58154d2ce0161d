package org.cloudgate.csta.ber;

import static org.cloudgate.csta.ber.BerTag.CONNECTION_ID;
import static org.cloudgate.csta.ber.BerTag.contextConstructed;
import static org.cloudgate.csta.ber.CstaBerTypes.readConnectionId;
import static org.cloudgate.csta.ber.CstaBerTypes.writeConnectionId;

import java.util.ArrayList;
import java.util.List;
import org.cloudgate.csta.model.ConnectionId;
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

/**
 * The results of the supported operations (ECMA-285, the {@code ...Result} type of each service
 * module). Services without result data answer {@code noData NULL}.
 */
final class BerResultCodec {

    /** {@code CallState.compoundCallState [0] IMPLICIT SEQUENCE OF LocalConnectionState}. */
    private static final int COMPOUND_CALL_STATE = contextConstructed(0);

    private BerResultCodec() {
    }

    static void write(BerWriter w, CstaResult result) {
        switch (result.operation()) {
            case MAKE_CALL -> writeConnectionResult(w, ((MakeCallResult) result).callingDevice());
            case CONSULTATION_CALL -> writeConnectionResult(w, ((ConsultationCallResult) result).initiatedCall());
            case TRANSFER_CALL -> writeConnectionResult(w, ((TransferCallResult) result).transferredCall());
            case SINGLE_STEP_TRANSFER -> writeConnectionResult(w,
                    ((SingleStepTransferResult) result).transferredCall());
            case MONITOR_START -> w.start(BerTag.SEQUENCE)
                    .writeString(BerTag.MONITOR_CROSS_REF_ID, ((MonitorStartResult) result).monitorCrossRefId())
                    .end();
            case SNAPSHOT_DEVICE -> writeSnapshot(w, (SnapshotDeviceResult) result);
            case REQUEST_SYSTEM_STATUS -> w.start(BerTag.SEQUENCE)
                    .writeInt(BerTag.ENUMERATED, SystemState.WIRE.code(((RequestSystemStatusResult) result).systemStatus()))
                    .end();
            case GET_DO_NOT_DISTURB -> w.start(BerTag.SEQUENCE)
                    .writeBoolean(BerTag.BOOLEAN, ((GetDoNotDisturbResult) result).doNotDisturbOn())
                    .end();
            case GET_FORWARDING -> writeForwardList(w, (GetForwardingResult) result);
            default -> w.writeNull(BerTag.NULL);
        }
    }

    static CstaResult read(BerReader r, Operation operation) {
        return switch (operation) {
            case MAKE_CALL -> new MakeCallResult(readConnectionResult(r));
            case CONSULTATION_CALL -> new ConsultationCallResult(readConnectionResult(r));
            case TRANSFER_CALL -> new TransferCallResult(readConnectionResult(r));
            case SINGLE_STEP_TRANSFER -> new SingleStepTransferResult(readConnectionResult(r));
            case MONITOR_START -> {
                r.enter(BerTag.SEQUENCE);
                String crossRef = r.readString(BerTag.MONITOR_CROSS_REF_ID);
                r.exit();
                yield new MonitorStartResult(crossRef);
            }
            case SNAPSHOT_DEVICE -> readSnapshot(r);
            case REQUEST_SYSTEM_STATUS -> {
                r.enter(BerTag.SEQUENCE);
                RequestSystemStatusResult status = new RequestSystemStatusResult(BerRequestCodec.readSystemState(r));
                r.exit();
                yield status;
            }
            case GET_DO_NOT_DISTURB -> {
                r.enter(BerTag.SEQUENCE);
                GetDoNotDisturbResult dnd = new GetDoNotDisturbResult(r.readBoolean(BerTag.BOOLEAN));
                r.exit();
                yield dnd;
            }
            case GET_FORWARDING -> readForwardList(r);
            default -> {
                // noData NULL, or extensions the gateway does not use
                if (r.at(BerTag.NULL)) {
                    r.readNull(BerTag.NULL);
                } else if (r.hasMore()) {
                    r.skip();
                }
                yield new Acknowledgement(operation);
            }
        };
    }

    private static void writeConnectionResult(BerWriter w, ConnectionId connection) {
        w.start(BerTag.SEQUENCE);
        writeConnectionId(w, CONNECTION_ID, connection);
        w.end();
    }

    private static ConnectionId readConnectionResult(BerReader r) {
        r.enter(BerTag.SEQUENCE);
        ConnectionId connection = readConnectionId(r, CONNECTION_ID);
        r.exit();
        return connection;
    }

    /**
     * {@code SnapshotDeviceResult ::= SEQUENCE { snapshotData SnapshotDeviceData }}, each entry
     * {@code SEQUENCE { connectionIdentifier, localCallState compoundCallState }} (module
     * CSTA-status-reporting).
     */
    private static void writeSnapshot(BerWriter w, SnapshotDeviceResult result) {
        w.start(BerTag.SEQUENCE).start(BerTag.SNAPSHOT_DEVICE_DATA);
        for (SnapshotCall call : result.calls()) {
            w.start(BerTag.SEQUENCE);
            writeConnectionId(w, CONNECTION_ID, call.connection());
            w.start(COMPOUND_CALL_STATE);
            for (LocalConnectionState state : call.callState()) {
                CstaBerTypes.writeConnectionState(w, state);
            }
            w.end().end();
        }
        w.end().end();
    }

    private static CstaResult readSnapshot(BerReader r) {
        List<SnapshotCall> calls = new ArrayList<>();
        r.enter(BerTag.SEQUENCE);
        if (!r.at(BerTag.SNAPSHOT_DEVICE_DATA)) {
            throw r.fail("snapshot by service cross reference is not supported");
        }
        r.enter(BerTag.SNAPSHOT_DEVICE_DATA);
        while (r.hasMore()) {
            r.enter(BerTag.SEQUENCE);
            ConnectionId connection = readConnectionId(r, CONNECTION_ID);
            if (r.at(BerTag.contextConstructed(3))) {
                r.skip();
            }
            List<LocalConnectionState> states = new ArrayList<>(2);
            if (r.at(COMPOUND_CALL_STATE)) {
                r.enter(COMPOUND_CALL_STATE);
                while (r.hasMore()) {
                    states.add(CstaBerTypes.readConnectionState(r));
                }
                r.exit();
            }
            r.exit();
            calls.add(new SnapshotCall(connection, states));
        }
        r.exit();
        r.exit();
        return new SnapshotDeviceResult(calls);
    }

    /** {@code GetForwardingResult ::= SEQUENCE { forwardingList ForwardList }} (CSTA-get-forwarding). */
    private static void writeForwardList(BerWriter w, GetForwardingResult result) {
        w.start(BerTag.SEQUENCE).start(BerTag.SEQUENCE);
        for (ForwardingSetting setting : result.forwardingList()) {
            w.start(BerTag.SEQUENCE);
            if (setting.forwardingType() != null) {
                w.writeInt(BerTag.ENUMERATED, ForwardingType.WIRE.code(setting.forwardingType()));
            }
            w.writeBoolean(BerTag.BOOLEAN, setting.forwardStatus());
            if (setting.forwardDn() != null) {
                CstaBerTypes.writeDeviceId(w, setting.forwardDn());
            }
            w.end();
        }
        w.end().end();
    }

    private static CstaResult readForwardList(BerReader r) {
        List<ForwardingSetting> settings = new ArrayList<>();
        r.enter(BerTag.SEQUENCE);
        r.enter(BerTag.SEQUENCE);
        while (r.hasMore()) {
            r.enter(BerTag.SEQUENCE);
            ForwardingType type = r.at(BerTag.ENUMERATED)
                    ? ForwardingType.WIRE.ofCode(r.readInt(BerTag.ENUMERATED)) : null;
            boolean status = r.readBoolean(BerTag.BOOLEAN);
            String forwardDn = r.at(BerTag.SEQUENCE) ? CstaBerTypes.readDeviceId(r) : null;
            r.exit();
            settings.add(new ForwardingSetting(type, status, forwardDn));
        }
        r.exit();
        r.exit();
        return new GetForwardingResult(settings);
    }
}
