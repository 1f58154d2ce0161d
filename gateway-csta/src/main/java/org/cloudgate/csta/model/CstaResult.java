package org.cloudgate.csta.model;

import java.util.List;
import java.util.Objects;

/** The positive response to a {@link CstaRequest} (ECMA-269, the "positive acknowledgement" of each service). */
public sealed interface CstaResult {

    /** The service this answers. */
    Operation operation();

    /**
     * A positive response that carries no data, e.g. to AnswerCall or MonitorStop.
     *
     * @param operation the service answered, or {@code null} when a BER returnResult omitted
     *     its optional result (X.880), so that only the invoke identifier tells
     */
    record Acknowledgement(Operation operation) implements CstaResult {
    }

    /** The connection of the calling device in the new call (ECMA-269 17.2.11). */
    record MakeCallResult(ConnectionId callingDevice) implements CstaResult {
        public MakeCallResult {
            Objects.requireNonNull(callingDevice, "callingDevice");
        }

        @Override
        public Operation operation() {
            return Operation.MAKE_CALL;
        }
    }

    /** The connection of the consulting device in the new call (ECMA-269 17.2.7). */
    record ConsultationCallResult(ConnectionId initiatedCall) implements CstaResult {
        public ConsultationCallResult {
            Objects.requireNonNull(initiatedCall, "initiatedCall");
        }

        @Override
        public Operation operation() {
            return Operation.CONSULTATION_CALL;
        }
    }

    /** The resulting call (ECMA-269 17.2.20). */
    record TransferCallResult(ConnectionId transferredCall) implements CstaResult {
        public TransferCallResult {
            Objects.requireNonNull(transferredCall, "transferredCall");
        }

        @Override
        public Operation operation() {
            return Operation.TRANSFER_CALL;
        }
    }

    /** The resulting call (ECMA-269 17.2.19). */
    record SingleStepTransferResult(ConnectionId transferredCall) implements CstaResult {
        public SingleStepTransferResult {
            Objects.requireNonNull(transferredCall, "transferredCall");
        }

        @Override
        public Operation operation() {
            return Operation.SINGLE_STEP_TRANSFER;
        }
    }

    /** The cross reference that the monitor's events will carry (ECMA-269 15.1.2). */
    record MonitorStartResult(String monitorCrossRefId) implements CstaResult {
        public MonitorStartResult {
            Objects.requireNonNull(monitorCrossRefId, "monitorCrossRefId");
        }

        @Override
        public Operation operation() {
            return Operation.MONITOR_START;
        }
    }

    /** The calls the device is in, each with its connection states (ECMA-269 16.1.3). */
    record SnapshotDeviceResult(List<SnapshotCall> calls) implements CstaResult {
        public SnapshotDeviceResult {
            calls = List.copyOf(calls);
        }

        @Override
        public Operation operation() {
            return Operation.SNAPSHOT_DEVICE;
        }
    }

    /** The other side's overall state (ECMA-269 12.2.28). */
    record RequestSystemStatusResult(SystemState systemStatus) implements CstaResult {
        public RequestSystemStatusResult {
            Objects.requireNonNull(systemStatus, "systemStatus");
        }

        @Override
        public Operation operation() {
            return Operation.REQUEST_SYSTEM_STATUS;
        }
    }

    /** Whether do-not-disturb is on (ECMA-269 21.1.5). */
    record GetDoNotDisturbResult(boolean doNotDisturbOn) implements CstaResult {
        @Override
        public Operation operation() {
            return Operation.GET_DO_NOT_DISTURB;
        }
    }

    /** The device's forwarding settings (ECMA-269 21.1.6). */
    record GetForwardingResult(List<ForwardingSetting> forwardingList) implements CstaResult {
        public GetForwardingResult {
            forwardingList = List.copyOf(forwardingList);
        }

        @Override
        public Operation operation() {
            return Operation.GET_FORWARDING;
        }
    }
}
