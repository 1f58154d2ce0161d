package org.cloudgate.csta.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.ConnectionListItem;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.ForwardingSetting;
import org.cloudgate.csta.model.ForwardingType;
import org.cloudgate.csta.model.LocalConnectionState;
import org.cloudgate.csta.model.SnapshotCall;
import org.junit.jupiter.api.Test;

/** Call state and presence of one device from ECMA-269 event sequences, snapshots and feature queries. */
class DeviceCallsTest {

    private final List<String> changes = new ArrayList<>();
    private final List<Presence> presences = new ArrayList<>();
    private final CallStateListener recorder = new CallStateListener() {
        @Override
        public void callChanged(String device, Call call) {
            changes.add(device + " " + call.callId() + " " + call.state());
        }

        @Override
        public void presenceChanged(String device, Presence previous, Presence current) {
            presences.add(current);
        }
    };

    private static ConnectionId c(String call, String device) {
        return new ConnectionId(call, device);
    }

    @Test
    void callerDialsTalksHoldsRetrievesAndHangsUp() {
        DeviceCalls a = new DeviceCalls("201", recorder);
        a.onEvent(new CstaEvent.ServiceInitiated(c("7", "201"), "201", null, EventCause.NEW_CALL));
        assertThat(a.presence()).isEqualTo(Presence.BUSY);
        a.onEvent(new CstaEvent.Originated(c("7", "201"), "201", "202", null, EventCause.NEW_CALL));
        a.onEvent(new CstaEvent.Delivered(c("7", "202"), "202", "201", "202", null, LocalConnectionState.CONNECTED,
                EventCause.NEW_CALL));
        Call call = a.calls().get(0);
        assertThat(call.connection()).isEqualTo(c("7", "201"));
        assertThat(call.state()).isEqualTo(LocalConnectionState.CONNECTED);
        assertThat(call.partyState("202")).isEqualTo(LocalConnectionState.ALERTING);

        a.onEvent(new CstaEvent.Established(c("7", "202"), "202", "201", "202", null, null, EventCause.NEW_CALL));
        assertThat(a.calls().get(0).partyState("202")).isEqualTo(LocalConnectionState.CONNECTED);
        a.onEvent(new CstaEvent.Held(c("7", "201"), "201", null, null));
        assertThat(a.presence()).isEqualTo(Presence.ON_HOLD);
        a.onEvent(new CstaEvent.Retrieved(c("7", "201"), "201", null, null));
        assertThat(a.presence()).isEqualTo(Presence.BUSY);
        a.onEvent(new CstaEvent.ConnectionCleared(c("7", "202"), "202", null, EventCause.NORMAL_CLEARING));
        assertThat(a.calls().get(0).parties()).isEmpty();
        a.onEvent(new CstaEvent.CallCleared(c("7", null), EventCause.NORMAL_CLEARING));

        assertThat(a.calls()).isEmpty();
        assertThat(a.presence()).isEqualTo(Presence.AVAILABLE);
        assertThat(presences).containsExactly(Presence.BUSY, Presence.ON_HOLD, Presence.BUSY, Presence.AVAILABLE);
        assertThat(changes).first().isEqualTo("201 7 INITIATED");
        assertThat(changes).last().isEqualTo("201 7 NULL");
    }

    @Test
    void eachChangeCarriesTheCauseOfTheEventThatMadeIt() {
        List<String> caused = new ArrayList<>();
        DeviceCalls a = new DeviceCalls("201", new CallStateListener() {
            @Override
            public void callChanged(String device, Call call, EventCause cause) {
                caused.add(call.state() + " " + cause);
            }
        });
        a.onEvent(new CstaEvent.Delivered(c("9", "201"), "201", "202", "201", null, null, EventCause.NEW_CALL));
        a.onEvent(new CstaEvent.ConnectionCleared(c("9", "201"), "201", null, EventCause.CALL_CANCELLED));
        a.onSnapshot(List.of(new SnapshotCall(c("10", "201"), List.of(LocalConnectionState.CONNECTED))));

        // Delivered changes the call twice: the device's own connection, then the calling party.
        assertThat(caused).containsExactly("ALERTING NEW_CALL", "ALERTING NEW_CALL", "NULL CALL_CANCELLED",
                "CONNECTED null");
    }

    @Test
    void calledDeviceRingsAndLeavesWhenDeflected() {
        DeviceCalls b = new DeviceCalls("202", recorder);
        b.onEvent(new CstaEvent.Delivered(c("8", "202"), "202", "0791234567", "202", null, null, EventCause.NEW_CALL));
        assertThat(b.presence()).isEqualTo(Presence.RINGING);
        assertThat(b.callIn(LocalConnectionState.ALERTING).connection()).isEqualTo(c("8", "202"));
        assertThat(b.calls().get(0).partyState("0791234567")).isEqualTo(LocalConnectionState.CONNECTED);

        b.onEvent(new CstaEvent.Diverted(c("8", "202"), "202", "203", "0791234567", "202", null, null,
                EventCause.REDIRECTED));
        assertThat(b.calls()).isEmpty();
        assertThat(b.presence()).isEqualTo(Presence.AVAILABLE);
    }

    @Test
    void transferLeavesTheTransferringDeviceAndJoinsTheOthers() {
        DeviceCalls a = new DeviceCalls("201", recorder);
        DeviceCalls b = new DeviceCalls("202", recorder);
        a.onEvent(new CstaEvent.Established(c("1", "202"), "202", "201", "202", null, LocalConnectionState.HOLD, null));
        a.onEvent(new CstaEvent.Established(c("2", "203"), "203", "201", "203", null, LocalConnectionState.CONNECTED,
                null));
        b.onEvent(new CstaEvent.Established(c("1", "202"), "202", "201", "202", null, null, null));
        assertThat(a.calls()).hasSize(2);

        CstaEvent transferred = new CstaEvent.Transferred(c("1", "201"), c("2", "201"), "201", "203", List.of(
                new ConnectionListItem(c("3", "202"), c("1", "202"), "202"),
                new ConnectionListItem(c("3", "203"), c("2", "203"), "203")), null, EventCause.TRANSFER);
        a.onEvent(transferred);
        b.onEvent(transferred);

        assertThat(a.calls()).isEmpty();
        assertThat(b.calls()).singleElement().satisfies(call -> {
            assertThat(call.connection()).isEqualTo(c("3", "202"));
            assertThat(call.state()).isEqualTo(LocalConnectionState.CONNECTED);
            assertThat(call.parties()).extracting(Party::device).containsExactly("203");
        });
    }

    @Test
    void snapshotReplacesTheCallsAndKeepsKnownParties() {
        DeviceCalls a = new DeviceCalls("201", recorder);
        a.onEvent(new CstaEvent.Established(c("1", "202"), "202", "201", "202", null, null, null));
        a.onEvent(new CstaEvent.Delivered(c("2", "201"), "201", "204", "201", null, null, null));

        a.onSnapshot(List.of(new SnapshotCall(c("1", "201"), List.of(LocalConnectionState.HOLD,
                LocalConnectionState.CONNECTED)), new SnapshotCall(c("5", "201"),
                List.of(LocalConnectionState.ALERTING))));

        assertThat(a.calls()).extracting(Call::callId).containsExactly("1", "5");
        assertThat(a.calls().get(0).hasParty("202")).isTrue();
        assertThat(a.presence()).isEqualTo(Presence.RINGING);
        assertThat(changes).contains("201 2 NULL", "201 5 ALERTING", "201 1 HOLD");
    }

    @Test
    void localConnectionInfoNullEndsTheCall() {
        DeviceCalls a = new DeviceCalls("201", recorder);
        a.onEvent(new CstaEvent.Delivered(c("4", "201"), "201", "202", "201", null, null, null));
        a.onEvent(new CstaEvent.ConnectionCleared(c("4", "202"), "202", LocalConnectionState.NULL, null));
        assertThat(a.calls()).isEmpty();
    }

    @Test
    void failedCallKeepsTheDeviceBusyUntilCleared() {
        DeviceCalls a = new DeviceCalls("201", recorder);
        a.onEvent(new CstaEvent.Originated(c("9", "201"), "201", "299", null, null));
        a.onEvent(new CstaEvent.Failed(c("9", "299"), "299", "201", "299", null, LocalConnectionState.FAIL,
                EventCause.DO_NOT_DISTURB));
        assertThat(a.presence()).isEqualTo(Presence.BUSY);
        assertThat(a.calls().get(0).partyState("299")).isEqualTo(LocalConnectionState.FAIL);
    }

    @Test
    void doNotDisturbAndImmediateForwardingShowWhenIdle() {
        DeviceCalls a = new DeviceCalls("201", recorder);
        a.forwardingQueried(List.of(new ForwardingSetting(ForwardingType.FORWARD_BUSY, true, "300")));
        assertThat(a.presence()).isEqualTo(Presence.AVAILABLE);
        a.onEvent(new CstaEvent.Forwarding("201", ForwardingType.FORWARD_IMMEDIATE, true, "300"));
        assertThat(a.presence()).isEqualTo(Presence.FORWARDED);
        a.doNotDisturbQueried(true);
        assertThat(a.presence()).isEqualTo(Presence.DO_NOT_DISTURB);
        a.onEvent(new CstaEvent.Delivered(c("6", "201"), "201", "202", "201", null, null, null));
        assertThat(a.presence()).isEqualTo(Presence.RINGING);
        a.onEvent(new CstaEvent.CallCleared(c("6", null), null));
        a.onEvent(new CstaEvent.DoNotDisturb("201", false));
        a.onEvent(new CstaEvent.Forwarding("201", ForwardingType.FORWARD_IMMEDIATE, false, null));
        assertThat(a.presence()).isEqualTo(Presence.AVAILABLE);
    }
}
