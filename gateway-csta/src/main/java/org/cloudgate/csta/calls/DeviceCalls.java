package org.cloudgate.csta.calls;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cloudgate.csta.link.DeviceMonitors;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.ConnectionListItem;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.ForwardingSetting;
import org.cloudgate.csta.model.ForwardingType;
import org.cloudgate.csta.model.LocalConnectionState;
import org.cloudgate.csta.model.SnapshotCall;

/**
 * The calls at one monitored device and its do-not-disturb and forwarding settings, kept up to
 * date from the device's monitor (ECMA-269 17.3 call control events, 21.2 logical device
 * events) and replaced by each snapshot (16.1.3), and the {@link Presence} derived from them.
 *
 * <p>The device's own connection state is taken from an event's {@code localConnectionInfo}
 * when the switch sends it (ECMA-269 12.2.x: the state of the monitored device's connection);
 * otherwise it is inferred from which device the event is about. A call whose local state
 * becomes {@code null} leaves the device.
 *
 * <p>Updated on the CSTA link's event loop only; {@link #presence()} and {@link #calls()} may be
 * read from any thread and return the state after the last complete update.
 */
public final class DeviceCalls implements DeviceMonitors.DeviceListener {

    private final String device;
    private final CallStateListener listener;
    private final Map<String, Call> calls = new LinkedHashMap<>();
    private final Map<ForwardingType, ForwardingSetting> forwarding = new EnumMap<>(ForwardingType.class);
    private ForwardingSetting untypedForwarding;
    private boolean doNotDisturb;
    /** Whether the calls changed since they were last published. */
    private boolean changed;
    /** The cause of the event being applied, told to the listener with each change it makes. */
    private EventCause cause;
    /** The presence the features alone give, kept so that an event need not rebuild the forwarding list. */
    private Presence idlePresence = Presence.AVAILABLE;
    private volatile Presence presence = Presence.AVAILABLE;
    private volatile List<Call> published = List.of();

    /**
     * @param device the monitored device
     * @param listener told about every change; use a no-op listener when nobody needs to know
     */
    public DeviceCalls(String device, CallStateListener listener) {
        this.device = Objects.requireNonNull(device, "device");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public String device() {
        return device;
    }

    /** The device's presence after the last update; any thread. */
    public Presence presence() {
        return presence;
    }

    /** The calls at the device after the last update, oldest first; any thread. */
    public List<Call> calls() {
        return published;
    }

    /** The call at the device in the given state, the most recent one first, or {@code null}. */
    public Call callIn(LocalConnectionState state) {
        List<Call> current = published;
        for (int i = current.size() - 1; i >= 0; i--) {
            if (current.get(i).state() == state) {
                return current.get(i);
            }
        }
        return null;
    }

    @Override
    public void onEvent(CstaEvent event) {
        cause = event.cause();
        try {
            apply(event);
        } finally {
            cause = null;
        }
        publish();
    }

    private void apply(CstaEvent event) {
        if (event instanceof CstaEvent.ServiceInitiated e) {
            local(e.initiatedConnection(), e.initiatingDevice(), LocalConnectionState.INITIATED, e.localConnectionInfo());
        } else if (event instanceof CstaEvent.Originated e) {
            Call call = local(e.originatedConnection(), e.callingDevice(), LocalConnectionState.CONNECTED,
                    e.localConnectionInfo());
            party(call, e.calledDevice(), null);
        } else if (event instanceof CstaEvent.Delivered e) {
            Call call = local(e.connection(), e.alertingDevice(), LocalConnectionState.ALERTING, e.localConnectionInfo());
            call = party(call, e.callingDevice(), LocalConnectionState.CONNECTED);
            party(call, e.alertingDevice(), LocalConnectionState.ALERTING);
        } else if (event instanceof CstaEvent.Established e) {
            Call call = local(e.establishedConnection(), e.answeringDevice(), LocalConnectionState.CONNECTED,
                    e.localConnectionInfo());
            call = party(call, e.answeringDevice(), LocalConnectionState.CONNECTED);
            party(call, e.callingDevice(), LocalConnectionState.CONNECTED);
        } else if (event instanceof CstaEvent.Held e) {
            party(local(e.heldConnection(), e.holdingDevice(), LocalConnectionState.HOLD, e.localConnectionInfo()),
                    e.holdingDevice(), LocalConnectionState.HOLD);
        } else if (event instanceof CstaEvent.Retrieved e) {
            party(local(e.retrievedConnection(), e.retrievingDevice(), LocalConnectionState.CONNECTED,
                    e.localConnectionInfo()), e.retrievingDevice(), LocalConnectionState.CONNECTED);
        } else if (event instanceof CstaEvent.Failed e) {
            party(local(e.failedConnection(), e.failingDevice(), LocalConnectionState.FAIL, e.localConnectionInfo()),
                    e.failingDevice(), LocalConnectionState.FAIL);
        } else if (event instanceof CstaEvent.Diverted e) {
            diverted(e);
        } else if (event instanceof CstaEvent.ConnectionCleared e) {
            if (isThisDevice(e.releasingDevice(), e.droppedConnection())) {
                end(e.droppedConnection().callId());
            } else {
                leave(e.droppedConnection().callId(), e.releasingDevice(), e.localConnectionInfo());
            }
        } else if (event instanceof CstaEvent.CallCleared e) {
            end(e.clearedCall().callId());
        } else if (event instanceof CstaEvent.Transferred e) {
            joined(e.primaryOldCall(), e.secondaryOldCall(), e.transferringDevice(), e.transferredConnections(),
                    e.localConnectionInfo());
        } else if (event instanceof CstaEvent.Conferenced e) {
            joined(e.primaryOldCall(), e.secondaryOldCall(), e.conferencingDevice(), e.conferenceConnections(),
                    e.localConnectionInfo());
        } else if (event instanceof CstaEvent.DoNotDisturb e) {
            doNotDisturb(e.doNotDisturbOn());
        } else if (event instanceof CstaEvent.Forwarding e) {
            forwarding(new ForwardingSetting(e.forwardingType(), e.forwardStatus(), e.forwardTo()));
        }
    }

    /**
     * Replaces the calls with the snapshot's. The first state of a compound call state is the
     * device's own connection (ECMA-269 16.1.3); the parties of a call the device was already
     * known to be in are kept, those of a new one are unknown.
     */
    @Override
    public void onSnapshot(List<SnapshotCall> snapshot) {
        Map<String, Call> previous = new LinkedHashMap<>(calls);
        calls.clear();
        changed = true;
        for (SnapshotCall entry : snapshot) {
            String callId = entry.connection().callId();
            LocalConnectionState state = entry.callState().isEmpty() ? null : entry.callState().get(0);
            if (callId == null || state == null || state == LocalConnectionState.NULL) {
                continue;
            }
            Call known = previous.remove(callId);
            Call call = new Call(entry.connection(), state, known == null ? List.of() : known.parties());
            calls.put(callId, call);
            if (!call.equals(known)) {
                listener.callChanged(device, call, cause);
            }
        }
        for (Call gone : previous.values()) {
            listener.callChanged(device, new Call(gone.connection(), LocalConnectionState.NULL, gone.parties()), cause);
        }
        publish();
    }

    /** The answer to GetDoNotDisturb (ECMA-269 21.1.5). */
    public void doNotDisturbQueried(boolean on) {
        doNotDisturb(on);
        publish();
    }

    /** The answer to GetForwarding (ECMA-269 21.1.6): replaces the known forwarding list. */
    public void forwardingQueried(List<ForwardingSetting> settings) {
        forwarding.clear();
        untypedForwarding = null;
        featuresChanged();
        for (ForwardingSetting setting : settings) {
            forwarding(setting);
        }
        publish();
    }

    private void doNotDisturb(boolean on) {
        doNotDisturb = on;
        featuresChanged();
    }

    private void forwarding(ForwardingSetting setting) {
        if (setting.forwardingType() == null) {
            untypedForwarding = setting;
        } else {
            forwarding.put(setting.forwardingType(), setting);
        }
        featuresChanged();
    }

    private void featuresChanged() {
        idlePresence = Presence.of(List.of(), doNotDisturb, forwardingList());
    }

    private List<ForwardingSetting> forwardingList() {
        List<ForwardingSetting> settings = new ArrayList<>(forwarding.values());
        if (untypedForwarding != null) {
            settings.add(untypedForwarding);
        }
        return settings;
    }

    private boolean isThisDevice(String named, ConnectionId connection) {
        return device.equals(named) || (named == null && connection != null && device.equals(connection.deviceId()));
    }

    /**
     * Applies an event about {@code connection}: when it is this device's (by the named device
     * or the connection's device), the local state becomes {@code inferred}; the switch's
     * {@code localConnectionInfo} wins over the inference.
     */
    private Call local(ConnectionId connection, String subject, LocalConnectionState inferred,
                       LocalConnectionState reported) {
        String callId = connection.callId();
        if (callId == null) {
            return null;
        }
        Call call = calls.get(callId);
        boolean mine = isThisDevice(subject, connection);
        LocalConnectionState state = reported != null ? reported : mine ? inferred : null;
        if (call == null) {
            if (state == null) {
                state = LocalConnectionState.CONNECTED;
            }
            if (state == LocalConnectionState.NULL) {
                return null;
            }
            ConnectionId own = mine ? connection : new ConnectionId(callId, device);
            call = new Call(own, state, List.of());
        } else {
            if (state == LocalConnectionState.NULL) {
                end(callId);
                return null;
            }
            ConnectionId own = mine && connection.deviceId() != null ? connection : call.connection();
            call = new Call(own, state != null ? state : call.state(), call.parties());
        }
        return change(call);
    }

    /** Records another device's connection state in the call. */
    private Call party(Call call, String other, LocalConnectionState state) {
        if (call == null || other == null || other.equals(device)) {
            return call;
        }
        List<Party> parties = new ArrayList<>(call.parties());
        boolean found = false;
        for (int i = 0; i < parties.size(); i++) {
            if (parties.get(i).device().equals(other)) {
                found = true;
                if (state != null) {
                    parties.set(i, new Party(other, state));
                }
            }
        }
        if (!found) {
            parties.add(new Party(other, state));
        }
        return change(new Call(call.connection(), call.state(), parties));
    }

    /** The call left the diverting device for a new destination (ECMA-269 17.3.7). */
    private void diverted(CstaEvent.Diverted e) {
        String callId = e.connection().callId();
        if (isThisDevice(e.divertingDevice(), e.connection())) {
            end(callId);
            return;
        }
        Call call = calls.get(callId);
        if (call == null) {
            return;
        }
        List<Party> parties = new ArrayList<>();
        for (Party party : call.parties()) {
            if (!party.device().equals(e.divertingDevice())) {
                parties.add(party);
            }
        }
        if (e.newDestination() != null && !e.newDestination().equals(device)) {
            parties.add(new Party(e.newDestination(), null));
        }
        LocalConnectionState state = e.localConnectionInfo() == null ? call.state() : e.localConnectionInfo();
        change(new Call(call.connection(), state, parties));
    }

    /** Another device left the call (ECMA-269 17.3.4). */
    private void leave(String callId, String other, LocalConnectionState reported) {
        Call call = calls.get(callId);
        if (call == null) {
            return;
        }
        if (reported == LocalConnectionState.NULL) {
            end(callId);
            return;
        }
        List<Party> parties = new ArrayList<>(call.parties());
        parties.removeIf(party -> party.device().equals(other));
        change(new Call(call.connection(), reported == null ? call.state() : reported, parties));
    }

    /**
     * Two calls became one (ECMA-269 17.3.18 transferred, 17.3.3 conferenced). The device that
     * transferred leaves both; any other device keeps its state in the resulting call, whose
     * connections the event lists.
     */
    private void joined(ConnectionId primaryOld, ConnectionId secondaryOld, String joiningDevice,
                        List<ConnectionListItem> connections, LocalConnectionState reported) {
        Call before = primaryOld == null ? null : calls.get(primaryOld.callId());
        if (before == null && secondaryOld != null && secondaryOld.callId() != null) {
            before = calls.get(secondaryOld.callId());
        }
        boolean transferringHere = device.equals(joiningDevice) && !connections.isEmpty()
                && connections.stream().noneMatch(item -> device.equals(endpoint(item)));
        if (primaryOld != null) {
            end(primaryOld.callId());
        }
        if (secondaryOld != null && secondaryOld.callId() != null) {
            end(secondaryOld.callId());
        }
        if (transferringHere || reported == LocalConnectionState.NULL) {
            return;
        }
        ConnectionId own = null;
        List<Party> parties = new ArrayList<>();
        for (ConnectionListItem item : connections) {
            String endpoint = endpoint(item);
            if (device.equals(endpoint)) {
                own = item.newConnection();
            } else if (endpoint != null) {
                LocalConnectionState known = before == null ? null : before.partyState(endpoint);
                parties.add(new Party(endpoint, known));
            }
        }
        if (own == null || own.callId() == null) {
            return;
        }
        LocalConnectionState state = reported != null ? reported
                : before != null ? before.state() : LocalConnectionState.CONNECTED;
        change(new Call(own, state, parties));
    }

    private static String endpoint(ConnectionListItem item) {
        if (item.endpoint() != null) {
            return item.endpoint();
        }
        if (item.newConnection() != null && item.newConnection().deviceId() != null) {
            return item.newConnection().deviceId();
        }
        return item.oldConnection() == null ? null : item.oldConnection().deviceId();
    }

    private Call change(Call call) {
        Call previous = calls.put(call.callId(), call);
        if (!call.equals(previous)) {
            changed = true;
            listener.callChanged(device, call, cause);
        }
        return call;
    }

    private void end(String callId) {
        Call gone = callId == null ? null : calls.remove(callId);
        if (gone != null) {
            changed = true;
            listener.callChanged(device, new Call(gone.connection(), LocalConnectionState.NULL, gone.parties()), cause);
        }
    }

    private void publish() {
        if (changed) {
            changed = false;
            published = List.copyOf(calls.values());
        }
        Presence byCalls = Presence.ofCalls(published);
        Presence next = byCalls != null ? byCalls : idlePresence;
        Presence previous = presence;
        if (next != previous) {
            presence = next;
            listener.presenceChanged(device, previous, next);
        }
    }
}
