package org.cloudgate.testkit.csta;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.ConnectionListItem;
import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaRequest;
import org.cloudgate.csta.model.CstaResult;
import org.cloudgate.csta.model.ErrorCategory;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.ForwardingSetting;
import org.cloudgate.csta.model.ForwardingType;
import org.cloudgate.csta.model.LocalConnectionState;
import org.cloudgate.csta.model.Operation;
import org.cloudgate.csta.model.SnapshotCall;
import org.cloudgate.csta.model.SystemState;

/**
 * The switching function of the simulated PBX as a CSTA server sees it (ECMA-269 clause 6):
 * extensions with do-not-disturb and forwarding, calls between extensions and outside numbers,
 * and device monitors that report every change of a call to each monitor of each device in it.
 *
 * <p>Each service answers first and then reports its events, in the order ECMA-269 clause 17
 * describes for the service (e.g. MakeCall: ServiceInitiated, Originated, then Delivered at the
 * called device). Outside numbers have no monitors; their side of a call is driven through
 * {@link #answer} and {@link #hangUp}, as if a person on the far end acted.
 *
 * <p>Not thread-safe: {@link SimulatedCstaService} runs it on one event loop.
 */
public final class SimulatedSwitch {

    /** Where a monitor's reports and a request's answer go: one client session. */
    interface Session {
        void send(CstaMessage message);
    }

    private record Monitor(String crossRef, String device, Session session) {
    }

    /**
     * The terminals of the switch's extensions on the PBX's SIP side: for MakeCall from an
     * extension with a registered terminal, the switch rings that terminal first, as a PBX does
     * for a call placed on a user's behalf (ECMA-269 17.2.11), and follows what the terminal does.
     */
    public interface TerminalLine {

        /** Whether a terminal is registered for the extension now. */
        boolean registered(String extension);

        /**
         * Rings the extension's terminal for a call to {@code called}, and tells {@code events}
         * what the terminal does, on the switch's thread.
         */
        TerminalCall ring(String extension, String called, TerminalEvents events);
    }

    /** What a rung terminal did. */
    public interface TerminalEvents {
        /** The terminal answered (a 2xx to the INVITE). */
        void answered();

        /** The terminal did not answer: the final status of the INVITE (e.g. 486, 408, 480). */
        void refused(int status);

        /** The terminal hung up (BYE) or the dialog broke down. */
        void hungUp();
    }

    /** A ringing or answered call at a terminal, which the switch ends when its call ends. */
    public interface TerminalCall {
        /** Cancels the ringing call or hangs up the answered one. */
        void end();
    }

    private static final int MAX_FORWARDING_HOPS = 5;

    private final Set<String> extensions;
    private final int monitorLimit;
    private final Map<String, SimulatedCall> calls = new LinkedHashMap<>();
    private final Map<String, Boolean> doNotDisturb = new HashMap<>();
    private final Map<String, Map<ForwardingType, ForwardingSetting>> forwarding = new HashMap<>();
    private final Map<String, Monitor> monitors = new LinkedHashMap<>();
    /** The terminal leg of each call placed by MakeCall from a registered terminal, by call id. */
    private final Map<String, TerminalLeg> terminalLegs = new HashMap<>();
    private TerminalLine terminals;
    private int nextCall = 1;
    private int nextMonitor = 1;

    /**
     * @param extensions the switch's own devices, which can be monitored and have features
     * @param monitorLimit how many monitors the switch grants in all before it answers
     *     {@code overallMonitorLimitExceeded} (ECMA-269 12.2.4), as a PBX with that many CSTA
     *     licences does
     */
    public SimulatedSwitch(Collection<String> extensions, int monitorLimit) {
        this.extensions = Set.copyOf(extensions);
        this.monitorLimit = monitorLimit;
    }

    /**
     * Rings registered terminals for MakeCall from now on ({@code null}: never, the calling
     * device goes off-hook at once). {@link SimulatedCstaService#ringTerminals} sets it with the
     * events moved onto the switch's thread.
     */
    void ringTerminals(TerminalLine line) {
        this.terminals = line;
    }

    /** Monitors granted right now. */
    public int monitorCount() {
        return monitors.size();
    }

    /** The calls at the device as SnapshotDevice would answer (ECMA-269 16.1.3). */
    public List<SnapshotCall> snapshot(String device) {
        List<SnapshotCall> snapshot = new ArrayList<>();
        for (SimulatedCall call : calls.values()) {
            if (call.has(device)) {
                snapshot.add(new SnapshotCall(call.connection(device), call.compoundState(device)));
            }
        }
        return snapshot;
    }

    /** Whether do-not-disturb is on at the extension. */
    public boolean doNotDisturb(String device) {
        return doNotDisturb.getOrDefault(device, false);
    }

    /** Turns do-not-disturb on or off at the extension, as its user would at the phone (reported by ECMA-269 21.2.5). */
    public void doNotDisturb(String device, boolean on) {
        doNotDisturb.put(device, on);
        report(List.of(device), d -> new CstaEvent.DoNotDisturb(device, on));
    }

    /** A call from an outside number (or another extension's handset) to {@code called}; its connection at the caller. */
    public ConnectionId incomingCall(String calling, String called) {
        SimulatedCall call = newCall(calling, called);
        call.set(calling, LocalConnectionState.CONNECTED);
        if (extensions.contains(calling)) {
            report(List.of(calling), device -> new CstaEvent.Originated(call.connection(calling), calling, called,
                    call.state(device), EventCause.NEW_CALL));
        }
        offer(call, called, null, EventCause.NEW_CALL, 0);
        return call.connection(calling);
    }

    /** The device picks up its alerting call, as a person at it would; false if nothing alerts there. */
    public boolean answer(String device) {
        for (SimulatedCall call : List.copyOf(calls.values())) {
            if (call.state(device) == LocalConnectionState.ALERTING) {
                established(call, device);
                return true;
            }
        }
        return false;
    }

    /** The device hangs up every call it is in, as a person at it would. */
    public void hangUp(String device) {
        for (SimulatedCall call : List.copyOf(calls.values())) {
            if (call.has(device)) {
                leave(call, device, EventCause.NORMAL_CLEARING);
            }
        }
    }

    /** Ends every monitor of a session that closed. */
    void sessionClosed(Session session) {
        monitors.values().removeIf(monitor -> monitor.session() == session);
    }

    /** Serves one request of a session: answers it, then reports what it changed. */
    void serve(Session session, int invokeId, CstaRequest request) {
        Reply reply = new Reply(session, invokeId);
        if (request instanceof CstaRequest.MonitorStart r) {
            monitorStart(reply, r.monitorObject());
        } else if (request instanceof CstaRequest.MonitorStop r) {
            monitorStop(reply, r.monitorCrossRefId());
        } else if (request instanceof CstaRequest.SnapshotDevice r) {
            reply.ok(new CstaResult.SnapshotDeviceResult(snapshot(r.snapshotObject())));
        } else if (request instanceof CstaRequest.RequestSystemStatus) {
            reply.ok(new CstaResult.RequestSystemStatusResult(SystemState.NORMAL));
        } else if (request instanceof CstaRequest.SystemStatus r) {
            reply.ok(new CstaResult.Acknowledgement(r.operation()));
        } else if (request instanceof CstaRequest.MakeCall r) {
            makeCall(reply, r.callingDevice(), r.calledDirectoryNumber());
        } else if (request instanceof CstaRequest.AnswerCall r) {
            answerCall(reply, r.callToBeAnswered());
        } else if (request instanceof CstaRequest.ClearConnection r) {
            clearConnection(reply, r.connectionToBeCleared());
        } else if (request instanceof CstaRequest.ClearCall r) {
            clearCall(reply, r.callToBeCleared());
        } else if (request instanceof CstaRequest.HoldCall r) {
            hold(reply, r.callToBeHeld());
        } else if (request instanceof CstaRequest.RetrieveCall r) {
            retrieve(reply, r.callToBeRetrieved());
        } else if (request instanceof CstaRequest.ConsultationCall r) {
            consultation(reply, r.existingCall(), r.consultedDevice());
        } else if (request instanceof CstaRequest.TransferCall r) {
            transfer(reply, r.heldCall(), r.activeCall());
        } else if (request instanceof CstaRequest.SingleStepTransfer r) {
            singleStepTransfer(reply, r.activeCall(), r.transferredTo());
        } else if (request instanceof CstaRequest.DeflectCall r) {
            deflect(reply, r.callToBeDiverted(), r.newDestination());
        } else if (request instanceof CstaRequest.GetDoNotDisturb r) {
            if (reply.extension(r.device())) {
                reply.ok(new CstaResult.GetDoNotDisturbResult(doNotDisturb(r.device())));
            }
        } else if (request instanceof CstaRequest.SetDoNotDisturb r) {
            setDoNotDisturb(reply, r.device(), r.doNotDisturbOn());
        } else if (request instanceof CstaRequest.GetForwarding r) {
            if (reply.extension(r.device())) {
                reply.ok(new CstaResult.GetForwardingResult(List.copyOf(forwardingOf(r.device()).values())));
            }
        } else if (request instanceof CstaRequest.SetForwarding r) {
            setForwarding(reply, r);
        }
    }

    private void monitorStart(Reply reply, String device) {
        if (!extensions.contains(device)) {
            reply.fail(ErrorCategory.OPERATION, "invalidMonitorObject");
        } else if (monitors.size() >= monitorLimit) {
            reply.fail(CstaError.OVERALL_MONITOR_LIMIT_EXCEEDED);
        } else {
            String crossRef = Integer.toString(nextMonitor++);
            monitors.put(crossRef, new Monitor(crossRef, device, reply.session()));
            reply.ok(new CstaResult.MonitorStartResult(crossRef));
        }
    }

    private void monitorStop(Reply reply, String crossRef) {
        Monitor monitor = monitors.get(crossRef);
        if (monitor == null || monitor.session() != reply.session()) {
            reply.fail(ErrorCategory.OPERATION, "invalidMonitorCrossRefID");
        } else {
            monitors.remove(crossRef);
            reply.ok(new CstaResult.Acknowledgement(Operation.MONITOR_STOP));
        }
    }

    /** ECMA-269 17.2.11: the calling device is taken off-hook, then the call is offered to the called one. */
    private void makeCall(Reply reply, String calling, String called) {
        if (!extensions.contains(calling)) {
            reply.fail(ErrorCategory.OPERATION, "invalidCallingDeviceID");
            return;
        }
        SimulatedCall call = newCall(calling, called);
        call.set(calling, LocalConnectionState.INITIATED);
        reply.ok(new CstaResult.MakeCallResult(call.connection(calling)));
        report(call.devices(), device -> new CstaEvent.ServiceInitiated(call.connection(calling), calling,
                call.state(device), EventCause.NEW_CALL));
        if (terminals != null && terminals.registered(calling)) {
            TerminalLeg leg = new TerminalLeg(call, calling);
            terminalLegs.put(call.id(), leg);
            leg.sip = terminals.ring(calling, called, leg);
            return;
        }
        originated(call, calling, called);
    }

    /** The calling device is off-hook: the call is offered to the called device (ECMA-269 17.3.13). */
    private void originated(SimulatedCall call, String calling, String called) {
        call.set(calling, LocalConnectionState.CONNECTED);
        report(call.devices(), device -> new CstaEvent.Originated(call.connection(calling), calling, called,
                call.state(device), EventCause.NEW_CALL));
        offer(call, called, null, EventCause.NEW_CALL, 0);
    }

    /** SIP status of a terminal's refusal as the cause of the connection's clearing (ECMA-269 12.2.10). */
    private static EventCause refusalCause(int status) {
        return switch (status) {
            case 486, 600 -> EventCause.BUSY;
            case 408, 480 -> EventCause.CALL_NOT_ANSWERED;
            case 487 -> EventCause.CALL_CANCELLED;
            default -> EventCause.DEST_NOT_OBTAINABLE;
        };
    }

    /** The calling terminal's side of a MakeCall, driven by what happens on SIP. */
    private final class TerminalLeg implements TerminalEvents {
        private final SimulatedCall call;
        private final String device;
        private TerminalCall sip;

        TerminalLeg(SimulatedCall call, String device) {
            this.call = call;
            this.device = device;
        }

        private boolean current() {
            return terminalLegs.get(call.id()) == this && call.has(device);
        }

        @Override
        public void answered() {
            if (current() && call.state(device) == LocalConnectionState.INITIATED) {
                originated(call, device, call.called());
            }
        }

        @Override
        public void refused(int status) {
            if (current()) {
                terminalLegs.remove(call.id());
                leave(call, device, refusalCause(status));
            }
        }

        @Override
        public void hungUp() {
            if (current()) {
                terminalLegs.remove(call.id());
                leave(call, device, EventCause.NORMAL_CLEARING);
            }
        }

        /** The call ended for the terminal's device by other means than SIP: end the SIP call too. */
        void endAtTerminal() {
            if (sip != null) {
                sip.end();
            }
        }
    }

    /**
     * Offers the call to a device: diverted by immediate forwarding (ECMA-269 17.3.7), failed by
     * do-not-disturb (17.3.9), otherwise alerting (17.3.5).
     */
    private void offer(SimulatedCall call, String device, String redirectedFrom, EventCause cause, int hops) {
        Map<ForwardingType, ForwardingSetting> features = forwarding.get(device);
        ForwardingSetting immediate = features == null ? null : features.get(ForwardingType.FORWARD_IMMEDIATE);
        if (immediate != null && immediate.forwardStatus() && immediate.forwardDn() != null
                && hops < MAX_FORWARDING_HOPS) {
            Set<String> told = new LinkedHashSet<>(call.devices());
            told.add(device);
            report(told, d -> new CstaEvent.Diverted(call.connection(device), device, immediate.forwardDn(),
                    call.calling(), call.called(), device, call.state(d), EventCause.CALL_FORWARD_IMMEDIATE));
            offer(call, immediate.forwardDn(), device, EventCause.CALL_FORWARD_IMMEDIATE, hops + 1);
            return;
        }
        if (doNotDisturb(device)) {
            String caller = call.calling();
            if (call.has(caller)) {
                call.set(caller, LocalConnectionState.FAIL);
            }
            report(call.devices(), d -> new CstaEvent.Failed(call.connection(device), device, call.calling(),
                    call.called(), redirectedFrom, call.state(d), EventCause.DO_NOT_DISTURB));
            return;
        }
        call.set(device, LocalConnectionState.ALERTING);
        report(call.devices(), d -> new CstaEvent.Delivered(call.connection(device), device, call.calling(),
                call.called(), redirectedFrom, call.state(d), cause));
    }

    /** ECMA-269 17.2.2. */
    private void answerCall(Reply reply, ConnectionId connection) {
        SimulatedCall call = reply.call(connection);
        if (call == null) {
            return;
        }
        if (call.state(connection.deviceId()) != LocalConnectionState.ALERTING) {
            reply.fail(ErrorCategory.STATE_INCOMPATIBILITY, "noCallToAnswer");
            return;
        }
        reply.ok(new CstaResult.Acknowledgement(Operation.ANSWER_CALL));
        established(call, connection.deviceId());
    }

    private void established(SimulatedCall call, String device) {
        call.set(device, LocalConnectionState.CONNECTED);
        report(call.devices(), d -> new CstaEvent.Established(call.connection(device), device, call.calling(),
                call.called(), null, call.state(d), EventCause.NEW_CALL));
    }

    /** ECMA-269 17.2.5. */
    private void clearConnection(Reply reply, ConnectionId connection) {
        SimulatedCall call = reply.call(connection);
        if (call != null) {
            reply.ok(new CstaResult.Acknowledgement(Operation.CLEAR_CONNECTION));
            leave(call, connection.deviceId(), EventCause.NORMAL_CLEARING);
        }
    }

    /** ECMA-269 17.2.4. */
    private void clearCall(Reply reply, ConnectionId connection) {
        SimulatedCall call = connection.callId() == null ? null : calls.get(connection.callId());
        if (call == null) {
            reply.fail(ErrorCategory.OPERATION, "invalidCallID");
            return;
        }
        reply.ok(new CstaResult.Acknowledgement(Operation.CLEAR_CALL));
        cleared(call, EventCause.NORMAL_CLEARING);
    }

    /** One device leaves (ECMA-269 17.3.4); the call ends when fewer than two remain (17.3.2). */
    private void leave(SimulatedCall call, String device, EventCause cause) {
        List<String> told = call.devices();
        call.remove(device);
        TerminalLeg leg = terminalLegs.get(call.id());
        if (leg != null && leg.device.equals(device)) {
            terminalLegs.remove(call.id());
            leg.endAtTerminal();
        }
        report(told, d -> new CstaEvent.ConnectionCleared(call.connection(device), device, call.state(d), cause));
        if (call.size() < 2) {
            cleared(call, cause);
        }
    }

    private void cleared(SimulatedCall call, EventCause cause) {
        List<String> told = call.devices();
        calls.remove(call.id());
        for (String device : told) {
            call.remove(device);
        }
        TerminalLeg leg = terminalLegs.remove(call.id());
        if (leg != null) {
            leg.endAtTerminal();
        }
        report(told, d -> new CstaEvent.CallCleared(new ConnectionId(call.id(), null), cause));
    }

    /** ECMA-269 17.2.10. */
    private void hold(Reply reply, ConnectionId connection) {
        SimulatedCall call = reply.call(connection);
        if (call == null) {
            return;
        }
        String device = connection.deviceId();
        if (call.state(device) != LocalConnectionState.CONNECTED) {
            reply.fail(ErrorCategory.STATE_INCOMPATIBILITY, "noActiveCall");
            return;
        }
        reply.ok(new CstaResult.Acknowledgement(Operation.HOLD_CALL));
        held(call, device, null);
    }

    private void held(SimulatedCall call, String device, EventCause cause) {
        call.set(device, LocalConnectionState.HOLD);
        report(call.devices(), d -> new CstaEvent.Held(call.connection(device), device, call.state(d), cause));
    }

    /** ECMA-269 17.2.16. */
    private void retrieve(Reply reply, ConnectionId connection) {
        SimulatedCall call = reply.call(connection);
        if (call == null) {
            return;
        }
        String device = connection.deviceId();
        if (call.state(device) != LocalConnectionState.HOLD) {
            reply.fail(ErrorCategory.STATE_INCOMPATIBILITY, "noHeldCall");
            return;
        }
        reply.ok(new CstaResult.Acknowledgement(Operation.RETRIEVE_CALL));
        call.set(device, LocalConnectionState.CONNECTED);
        report(call.devices(), d -> new CstaEvent.Retrieved(call.connection(device), device, call.state(d), null));
    }

    /** ECMA-269 17.2.7: hold the existing call, then a new call from the same device. */
    private void consultation(Reply reply, ConnectionId existing, String consulted) {
        SimulatedCall call = reply.call(existing);
        if (call == null) {
            return;
        }
        String device = existing.deviceId();
        if (call.state(device) != LocalConnectionState.CONNECTED) {
            reply.fail(ErrorCategory.STATE_INCOMPATIBILITY, "noActiveCall");
            return;
        }
        SimulatedCall consultation = newCall(device, consulted);
        consultation.set(device, LocalConnectionState.CONNECTED);
        reply.ok(new CstaResult.ConsultationCallResult(consultation.connection(device)));
        held(call, device, EventCause.CONSULTATION);
        report(consultation.devices(), d -> new CstaEvent.Originated(consultation.connection(device), device,
                consulted, consultation.state(d), EventCause.CONSULTATION));
        offer(consultation, consulted, null, EventCause.CONSULTATION, 0);
    }

    /** ECMA-269 17.2.20: the held and the active call of one device become one call without it. */
    private void transfer(Reply reply, ConnectionId heldConnection, ConnectionId activeConnection) {
        SimulatedCall held = reply.call(heldConnection);
        SimulatedCall active = held == null ? null : reply.call(activeConnection);
        if (active == null) {
            return;
        }
        String device = heldConnection.deviceId();
        if (!device.equals(activeConnection.deviceId()) || held == active) {
            reply.fail(ErrorCategory.OPERATION, "notSameDevice");
            return;
        }
        if (held.state(device) != LocalConnectionState.HOLD) {
            reply.fail(ErrorCategory.STATE_INCOMPATIBILITY, "noHeldCall");
            return;
        }
        List<String> heldOthers = held.others(device);
        List<String> activeOthers = active.others(device);
        String transferredTo = activeOthers.isEmpty() ? null : activeOthers.get(0);
        SimulatedCall joined = newCall(heldOthers.isEmpty() ? device : heldOthers.get(0), transferredTo);
        List<ConnectionListItem> items = new ArrayList<>();
        for (String other : heldOthers) {
            joined.set(other, held.state(other));
            items.add(new ConnectionListItem(joined.connection(other), held.connection(other), other));
        }
        for (String other : activeOthers) {
            joined.set(other, active.state(other));
            items.add(new ConnectionListItem(joined.connection(other), active.connection(other), other));
        }
        calls.remove(held.id());
        calls.remove(active.id());
        reply.ok(new CstaResult.TransferCallResult(new ConnectionId(joined.id(), null)));
        Set<String> told = new LinkedHashSet<>(held.devices());
        told.addAll(active.devices());
        report(told, d -> new CstaEvent.Transferred(held.connection(device), active.connection(device), device,
                transferredTo, items, joined.state(d), EventCause.TRANSFER));
        if (joined.size() < 2) {
            cleared(joined, EventCause.NORMAL_CLEARING);
        }
    }

    /** ECMA-269 17.2.19: the device leaves, and its call is offered to {@code transferredTo}. */
    private void singleStepTransfer(Reply reply, ConnectionId activeConnection, String transferredTo) {
        SimulatedCall call = reply.call(activeConnection);
        if (call == null) {
            return;
        }
        String device = activeConnection.deviceId();
        if (call.state(device) != LocalConnectionState.CONNECTED) {
            reply.fail(ErrorCategory.STATE_INCOMPATIBILITY, "noActiveCall");
            return;
        }
        List<String> others = call.others(device);
        SimulatedCall moved = newCall(others.isEmpty() ? device : others.get(0), transferredTo);
        List<ConnectionListItem> items = new ArrayList<>();
        for (String other : others) {
            moved.set(other, call.state(other));
            items.add(new ConnectionListItem(moved.connection(other), call.connection(other), other));
        }
        calls.remove(call.id());
        reply.ok(new CstaResult.SingleStepTransferResult(moved.connection(transferredTo)));
        report(call.devices(), d -> new CstaEvent.Transferred(call.connection(device), null, device, transferredTo,
                items, moved.state(d), EventCause.SINGLE_STEP_TRANSFER));
        offer(moved, transferredTo, device, EventCause.SINGLE_STEP_TRANSFER, 0);
    }

    /** ECMA-269 17.2.8: an alerting call leaves the device for another destination. */
    private void deflect(Reply reply, ConnectionId alerting, String destination) {
        SimulatedCall call = reply.call(alerting);
        if (call == null) {
            return;
        }
        String device = alerting.deviceId();
        if (call.state(device) != LocalConnectionState.ALERTING) {
            reply.fail(ErrorCategory.STATE_INCOMPATIBILITY, "invalidDivertingDeviceState");
            return;
        }
        reply.ok(new CstaResult.Acknowledgement(Operation.DEFLECT_CALL));
        List<String> told = call.devices();
        call.remove(device);
        report(told, d -> new CstaEvent.Diverted(call.connection(device), device, destination, call.calling(),
                call.called(), device, call.state(d), EventCause.REDIRECTED));
        offer(call, destination, device, EventCause.REDIRECTED, 0);
    }

    /** ECMA-269 21.1.14, reported by 21.2.5. */
    private void setDoNotDisturb(Reply reply, String device, boolean on) {
        if (reply.extension(device)) {
            reply.ok(new CstaResult.Acknowledgement(Operation.SET_DO_NOT_DISTURB));
            doNotDisturb(device, on);
        }
    }

    /** ECMA-269 21.1.15, reported by 21.2.6; a missing type means immediate forwarding. */
    private void setForwarding(Reply reply, CstaRequest.SetForwarding request) {
        String device = request.device();
        if (!reply.extension(device)) {
            return;
        }
        ForwardingType type = request.forwardingType() == null ? ForwardingType.FORWARD_IMMEDIATE
                : request.forwardingType();
        ForwardingSetting previous = forwardingOf(device).get(type);
        String destination = request.forwardDn() != null ? request.forwardDn()
                : previous == null ? null : previous.forwardDn();
        if (request.activateForward() && destination == null) {
            reply.fail(ErrorCategory.OPERATION, "invalidForwardingDestination");
            return;
        }
        forwardingOf(device).put(type, new ForwardingSetting(type, request.activateForward(), destination));
        reply.ok(new CstaResult.Acknowledgement(Operation.SET_FORWARDING));
        report(List.of(device), d -> new CstaEvent.Forwarding(device, type, request.activateForward(), destination));
    }

    private Map<ForwardingType, ForwardingSetting> forwardingOf(String device) {
        return forwarding.computeIfAbsent(device, key -> new EnumMap<>(ForwardingType.class));
    }

    private SimulatedCall newCall(String calling, String called) {
        SimulatedCall call = new SimulatedCall(Integer.toString(nextCall++), calling, called);
        calls.put(call.id(), call);
        return call;
    }

    /** Sends each monitor of each device the event as that device sees it. */
    private void report(Collection<String> devices, Function<String, CstaEvent> eventAt) {
        Set<String> seen = new HashSet<>();
        for (String device : devices) {
            if (!seen.add(device)) {
                continue;
            }
            CstaEvent event = null;
            for (Monitor monitor : monitors.values()) {
                if (monitor.device().equals(device)) {
                    if (event == null) {
                        event = eventAt.apply(device);
                    }
                    monitor.session().send(new CstaMessage.EventReport(CstaMessage.EVENT_INVOKE_ID,
                            monitor.crossRef(), event));
                }
            }
        }
    }

    /** The answer to one request. */
    private final class Reply {
        private final Session session;
        private final int invokeId;

        Reply(Session session, int invokeId) {
            this.session = session;
            this.invokeId = invokeId;
        }

        Session session() {
            return session;
        }

        void ok(CstaResult result) {
            session.send(new CstaMessage.Result(invokeId, result));
        }

        void fail(CstaError error) {
            session.send(new CstaMessage.Error(invokeId, error));
        }

        void fail(ErrorCategory category, String value) {
            fail(new CstaError(category, category.valueCode(value)));
        }

        /** The call of a connection in which the device takes part, or answers invalidConnectionID. */
        SimulatedCall call(ConnectionId connection) {
            SimulatedCall call = connection.callId() == null ? null : calls.get(connection.callId());
            if (call == null || connection.deviceId() == null || !call.has(connection.deviceId())) {
                fail(ErrorCategory.OPERATION, "invalidConnectionID");
                return null;
            }
            return call;
        }

        /** Whether the device is an extension; answers invalidDeviceID otherwise. */
        boolean extension(String device) {
            if (!extensions.contains(device)) {
                fail(ErrorCategory.OPERATION, "invalidDeviceID");
                return false;
            }
            return true;
        }
    }
}
