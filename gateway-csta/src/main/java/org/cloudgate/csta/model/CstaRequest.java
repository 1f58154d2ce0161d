package org.cloudgate.csta.model;

import java.util.Objects;

/**
 * A CSTA service request (ECMA-269 clauses 17 to 22) the gateway sends or, in the PBX
 * simulator, receives. Device identifiers are opaque strings as dialled or configured.
 */
public sealed interface CstaRequest {

    /** Which service this is. */
    Operation operation();

    /** Starts a call from {@code callingDevice} to {@code calledDirectoryNumber} (ECMA-269 17.2.11). */
    record MakeCall(String callingDevice, String calledDirectoryNumber) implements CstaRequest {
        public MakeCall {
            Objects.requireNonNull(callingDevice, "callingDevice");
            Objects.requireNonNull(calledDirectoryNumber, "calledDirectoryNumber");
        }

        @Override
        public Operation operation() {
            return Operation.MAKE_CALL;
        }
    }

    /** Answers an alerting call (ECMA-269 17.2.2). */
    record AnswerCall(ConnectionId callToBeAnswered) implements CstaRequest {
        public AnswerCall {
            Objects.requireNonNull(callToBeAnswered, "callToBeAnswered");
        }

        @Override
        public Operation operation() {
            return Operation.ANSWER_CALL;
        }
    }

    /** Releases every device from a call (ECMA-269 17.2.4). */
    record ClearCall(ConnectionId callToBeCleared) implements CstaRequest {
        public ClearCall {
            Objects.requireNonNull(callToBeCleared, "callToBeCleared");
        }

        @Override
        public Operation operation() {
            return Operation.CLEAR_CALL;
        }
    }

    /** Releases one device from a call (ECMA-269 17.2.5). */
    record ClearConnection(ConnectionId connectionToBeCleared) implements CstaRequest {
        public ClearConnection {
            Objects.requireNonNull(connectionToBeCleared, "connectionToBeCleared");
        }

        @Override
        public Operation operation() {
            return Operation.CLEAR_CONNECTION;
        }
    }

    /** Holds the existing call and calls {@code consultedDevice} (ECMA-269 17.2.7). */
    record ConsultationCall(ConnectionId existingCall, String consultedDevice) implements CstaRequest {
        public ConsultationCall {
            Objects.requireNonNull(existingCall, "existingCall");
            Objects.requireNonNull(consultedDevice, "consultedDevice");
        }

        @Override
        public Operation operation() {
            return Operation.CONSULTATION_CALL;
        }
    }

    /** Puts a connection on hold (ECMA-269 17.2.10). */
    record HoldCall(ConnectionId callToBeHeld) implements CstaRequest {
        public HoldCall {
            Objects.requireNonNull(callToBeHeld, "callToBeHeld");
        }

        @Override
        public Operation operation() {
            return Operation.HOLD_CALL;
        }
    }

    /** Takes a held connection back (ECMA-269 17.2.16). */
    record RetrieveCall(ConnectionId callToBeRetrieved) implements CstaRequest {
        public RetrieveCall {
            Objects.requireNonNull(callToBeRetrieved, "callToBeRetrieved");
        }

        @Override
        public Operation operation() {
            return Operation.RETRIEVE_CALL;
        }
    }

    /** Joins the held and the active call and drops the transferring device (ECMA-269 17.2.20). */
    record TransferCall(ConnectionId heldCall, ConnectionId activeCall) implements CstaRequest {
        public TransferCall {
            Objects.requireNonNull(heldCall, "heldCall");
            Objects.requireNonNull(activeCall, "activeCall");
        }

        @Override
        public Operation operation() {
            return Operation.TRANSFER_CALL;
        }
    }

    /** Transfers an active call to another device without consultation (ECMA-269 17.2.19). */
    record SingleStepTransfer(ConnectionId activeCall, String transferredTo) implements CstaRequest {
        public SingleStepTransfer {
            Objects.requireNonNull(activeCall, "activeCall");
            Objects.requireNonNull(transferredTo, "transferredTo");
        }

        @Override
        public Operation operation() {
            return Operation.SINGLE_STEP_TRANSFER;
        }
    }

    /** Diverts an alerting call to another destination (ECMA-269 17.2.8). */
    record DeflectCall(ConnectionId callToBeDiverted, String newDestination) implements CstaRequest {
        public DeflectCall {
            Objects.requireNonNull(callToBeDiverted, "callToBeDiverted");
            Objects.requireNonNull(newDestination, "newDestination");
        }

        @Override
        public Operation operation() {
            return Operation.DEFLECT_CALL;
        }
    }

    /** Starts monitoring a device, so that its events are reported (ECMA-269 15.1.2). */
    record MonitorStart(String monitorObject) implements CstaRequest {
        public MonitorStart {
            Objects.requireNonNull(monitorObject, "monitorObject");
        }

        @Override
        public Operation operation() {
            return Operation.MONITOR_START;
        }
    }

    /** Ends a monitor (ECMA-269 15.1.3). */
    record MonitorStop(String monitorCrossRefId) implements CstaRequest {
        public MonitorStop {
            Objects.requireNonNull(monitorCrossRefId, "monitorCrossRefId");
        }

        @Override
        public Operation operation() {
            return Operation.MONITOR_STOP;
        }
    }

    /** Asks for the calls a device is in, to rebuild call state (ECMA-269 16.1.3). */
    record SnapshotDevice(String snapshotObject) implements CstaRequest {
        public SnapshotDevice {
            Objects.requireNonNull(snapshotObject, "snapshotObject");
        }

        @Override
        public Operation operation() {
            return Operation.SNAPSHOT_DEVICE;
        }
    }

    /** Asks the other side for its overall state; serves as keep-alive (ECMA-269 12.2.28). */
    record RequestSystemStatus() implements CstaRequest {
        @Override
        public Operation operation() {
            return Operation.REQUEST_SYSTEM_STATUS;
        }
    }

    /** Tells the other side this side's overall state; serves as keep-alive (ECMA-269 12.2.29). */
    record SystemStatus(SystemState systemStatus) implements CstaRequest {
        public SystemStatus {
            Objects.requireNonNull(systemStatus, "systemStatus");
        }

        @Override
        public Operation operation() {
            return Operation.SYSTEM_STATUS;
        }
    }

    /** Asks whether do-not-disturb is on for a device (ECMA-269 21.1.5). */
    record GetDoNotDisturb(String device) implements CstaRequest {
        public GetDoNotDisturb {
            Objects.requireNonNull(device, "device");
        }

        @Override
        public Operation operation() {
            return Operation.GET_DO_NOT_DISTURB;
        }
    }

    /** Turns do-not-disturb on or off for a device (ECMA-269 21.1.14). */
    record SetDoNotDisturb(String device, boolean doNotDisturbOn) implements CstaRequest {
        public SetDoNotDisturb {
            Objects.requireNonNull(device, "device");
        }

        @Override
        public Operation operation() {
            return Operation.SET_DO_NOT_DISTURB;
        }
    }

    /** Asks for the forwarding settings of a device (ECMA-269 21.1.6). */
    record GetForwarding(String device) implements CstaRequest {
        public GetForwarding {
            Objects.requireNonNull(device, "device");
        }

        @Override
        public Operation operation() {
            return Operation.GET_FORWARDING;
        }
    }

    /**
     * Turns forwarding of one type on or off for a device (ECMA-269 21.1.15).
     *
     * @param forwardingType which forwarding; {@code null} lets the switch choose its default
     * @param forwardDn the destination; {@code null} keeps the one the switch has
     */
    record SetForwarding(String device, ForwardingType forwardingType, boolean activateForward,
                         String forwardDn) implements CstaRequest {
        public SetForwarding {
            Objects.requireNonNull(device, "device");
        }

        @Override
        public Operation operation() {
            return Operation.SET_FORWARDING;
        }
    }
}
