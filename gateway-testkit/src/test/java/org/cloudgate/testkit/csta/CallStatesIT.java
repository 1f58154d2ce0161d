package org.cloudgate.testkit.csta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.cloudgate.csta.calls.Call;
import org.cloudgate.csta.calls.CallStates;
import org.cloudgate.csta.calls.DeviceCalls;
import org.cloudgate.csta.calls.Presence;
import org.cloudgate.csta.control.CallControl;
import org.cloudgate.csta.link.CstaEncoding;
import org.cloudgate.csta.link.CstaLink;
import org.cloudgate.csta.link.CstaLinkSettings;
import org.cloudgate.csta.link.CstaRequestException;
import org.cloudgate.csta.link.DeviceMonitors;
import org.cloudgate.csta.link.LinkState;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.ErrorCategory;
import org.cloudgate.csta.model.ForwardingSetting;
import org.cloudgate.csta.model.ForwardingType;
import org.cloudgate.csta.model.LocalConnectionState;
import org.cloudgate.csta.model.Operation;
import org.cloudgate.csta.monitor.EventRouter;
import org.cloudgate.csta.xml.XmlNamespaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gateway's call state, presence and call control against the simulated PBX's CSTA service,
 * for both encodings: 200 monitored extensions, call control services driving the switch, the
 * switch's events driving call state, and a restart of the service in the middle of calls.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallStatesIT {

    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final String PASSWORD = "pbx-secret";
    private static final int DEVICES = 200;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SimulatedCstaService pbx;
    private CstaLink link;
    private CallControl control;
    private CallStates states;
    private DeviceMonitors monitors;

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.stop().get(5, TimeUnit.SECONDS);
        }
        if (pbx != null) {
            pbx.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static List<String> extensions() {
        List<String> extensions = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            extensions.add(Integer.toString(200 + i));
        }
        return extensions;
    }

    private void start(CstaEncoding encoding, int monitorLimit) throws InterruptedException {
        pbx = new SimulatedCstaService(encoding, PASSWORD, new SimulatedSwitch(extensions(), monitorLimit)).start();
        EventRouter router = new EventRouter();
        link = new CstaLink(new CstaLinkSettings("127.0.0.1", pbx.port(), encoding, "cloudgate", PASSWORD,
                XmlNamespaces.ED5, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(50),
                Duration.ofMillis(500), CstaLinkSettings.DEFAULT_MAX_FRAME_LENGTH), group, router, registry);
        monitors = new DeviceMonitors(link, router, registry, Duration.ofMillis(500));
        control = new CallControl(link);
        states = new CallStates(monitors, control);
        for (String device : extensions()) {
            states.monitor(device);
        }
        link.start();
    }

    private void awaitPresence(String device, Presence presence) {
        await().atMost(WITHIN).untilAsserted(() -> assertThat(states.presence(device)).as(device).isEqualTo(presence));
    }

    private Call awaitCall(String device, LocalConnectionState state) {
        DeviceCalls calls = states.device(device);
        await().atMost(WITHIN).until(() -> calls.callIn(state) != null);
        return calls.callIn(state);
    }

    private static <T> T done(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(CstaEncoding.class)
    void callControlDrivesCallStateAndPresenceOf200Devices(CstaEncoding encoding) throws Exception {
        start(encoding, 250);
        await().atMost(WITHIN).until(() -> monitors.activeCount() == DEVICES);
        assertThat(pbx.inSwitch(SimulatedSwitch::monitorCount)).isEqualTo(DEVICES);
        assertThat(states.count(Presence.AVAILABLE)).isEqualTo(DEVICES);

        ConnectionId a = done(control.makeCall("201", "202"));
        awaitPresence("202", Presence.RINGING);
        awaitPresence("201", Presence.BUSY);
        Call ringing = awaitCall("202", LocalConnectionState.ALERTING);
        assertThat(ringing.callId()).isEqualTo(a.callId());
        assertThat(ringing.partyState("201")).isEqualTo(LocalConnectionState.CONNECTED);

        done(control.answerCall(ringing.connection()));
        awaitPresence("202", Presence.BUSY);
        await().atMost(WITHIN).until(() -> states.device("201").calls().get(0).partyState("202")
                == LocalConnectionState.CONNECTED);

        done(control.holdCall(a));
        awaitPresence("201", Presence.ON_HOLD);
        assertThat(states.presence("202")).isEqualTo(Presence.BUSY);
        assertThatThrownBy(() -> done(control.holdCall(a))).cause().isInstanceOfSatisfying(
                CstaRequestException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(CstaRequestException.Outcome.ERROR);
                    assertThat(e.error().category()).isEqualTo(ErrorCategory.STATE_INCOMPATIBILITY);
                    assertThat(e.error().valueName()).isEqualTo("noActiveCall");
                });
        done(control.retrieveCall(a));
        awaitPresence("201", Presence.BUSY);

        // attended transfer: 201 consults 203, then joins 202 and 203 and leaves
        ConnectionId consultation = done(control.consultationCall(a, "203"));
        awaitPresence("203", Presence.RINGING);
        done(control.answerCall(awaitCall("203", LocalConnectionState.ALERTING).connection()));
        awaitPresence("203", Presence.BUSY);
        assertThat(states.device("201").calls()).extracting(Call::state)
                .containsExactly(LocalConnectionState.HOLD, LocalConnectionState.CONNECTED);
        done(control.transferCall(a, consultation));
        awaitPresence("201", Presence.AVAILABLE);
        assertThat(states.device("201").calls()).isEmpty();
        await().atMost(WITHIN).until(() -> states.device("202").calls().size() == 1
                && states.device("202").calls().get(0).hasParty("203"));
        Call joined = states.device("203").calls().get(0);
        assertThat(joined.callId()).isEqualTo(states.device("202").calls().get(0).callId());
        assertThat(joined.hasParty("202")).isTrue();
        assertThat(joined.hasParty("201")).isFalse();

        done(control.clearConnection(states.device("202").calls().get(0).connection()));
        awaitPresence("202", Presence.AVAILABLE);
        awaitPresence("203", Presence.AVAILABLE);

        // deflect: 204 calls 205, which sends the call on to 206
        done(control.makeCall("204", "205"));
        Call toDeflect = awaitCall("205", LocalConnectionState.ALERTING);
        done(control.deflectCall(toDeflect.connection(), "206"));
        awaitPresence("206", Presence.RINGING);
        awaitPresence("205", Presence.AVAILABLE);
        done(control.answerCall(awaitCall("206", LocalConnectionState.ALERTING).connection()));
        awaitPresence("206", Presence.BUSY);
        await().atMost(WITHIN).until(() -> states.device("204").calls().get(0).hasParty("206"));
        assertThat(states.device("204").calls().get(0).hasParty("205")).isFalse();
        done(control.clearCall(states.device("204").calls().get(0).connection()));
        awaitPresence("204", Presence.AVAILABLE);
        awaitPresence("206", Presence.AVAILABLE);

        // single-step transfer of an answered outside call from 207 to 208
        pbx.act(pbx -> pbx.incomingCall("0791234567", "207"));
        done(control.answerCall(awaitCall("207", LocalConnectionState.ALERTING).connection()));
        ConnectionId atTarget = done(control.singleStepTransfer(
                awaitCall("207", LocalConnectionState.CONNECTED).connection(), "208"));
        awaitPresence("208", Presence.RINGING);
        awaitPresence("207", Presence.AVAILABLE);
        assertThat(states.device("208").calls().get(0).connection()).isEqualTo(atTarget);
        assertThat(states.device("208").calls().get(0).hasParty("0791234567")).isTrue();
        pbx.act(pbx -> pbx.hangUp("0791234567"));
        awaitPresence("208", Presence.AVAILABLE);

        // do-not-disturb and forwarding, from events and from the Get services
        done(control.setDoNotDisturb("209", true));
        awaitPresence("209", Presence.DO_NOT_DISTURB);
        assertThat(done(control.getDoNotDisturb("209"))).isTrue();
        done(control.makeCall("210", "209"));
        await().atMost(WITHIN).until(() -> states.device("210").callIn(LocalConnectionState.FAIL) != null);
        done(control.clearConnection(states.device("210").calls().get(0).connection()));
        awaitPresence("210", Presence.AVAILABLE);
        assertThat(states.presence("209")).isEqualTo(Presence.DO_NOT_DISTURB);

        done(control.setForwarding("211", ForwardingType.FORWARD_IMMEDIATE, true, "212"));
        awaitPresence("211", Presence.FORWARDED);
        assertThat(done(control.getForwarding("211")))
                .containsExactly(new ForwardingSetting(ForwardingType.FORWARD_IMMEDIATE, true, "212"));
        done(control.makeCall("213", "211"));
        awaitPresence("212", Presence.RINGING);
        assertThat(states.presence("211")).isEqualTo(Presence.FORWARDED);

        // errors carry the switch's category and value
        assertThatThrownBy(() -> done(control.answerCall(new ConnectionId("999", "201")))).cause()
                .isInstanceOfSatisfying(CstaRequestException.class, e -> assertThat(e.error())
                        .isEqualTo(new CstaError(ErrorCategory.OPERATION,
                                ErrorCategory.OPERATION.valueCode("invalidConnectionID"))));
        assertThat(states.count(Presence.AVAILABLE) + states.count(Presence.BUSY) + states.count(Presence.RINGING)
                + states.count(Presence.DO_NOT_DISTURB) + states.count(Presence.FORWARDED)).isEqualTo(DEVICES);
    }

    @ParameterizedTest
    @EnumSource(CstaEncoding.class)
    void restartOfTheServiceMidCallIsFollowedByReconnectAndSnapshot(CstaEncoding encoding) throws Exception {
        start(encoding, 250);
        await().atMost(WITHIN).until(() -> monitors.activeCount() == DEVICES);
        ConnectionId first = done(control.makeCall("220", "221"));
        done(control.answerCall(awaitCall("221", LocalConnectionState.ALERTING).connection()));
        awaitPresence("221", Presence.BUSY);
        done(control.holdCall(first));
        awaitPresence("220", Presence.ON_HOLD);
        done(control.makeCall("222", "223"));
        awaitPresence("223", Presence.RINGING);
        pbx.act(pbx -> pbx.incomingCall("0799999999", "224"));
        awaitPresence("224", Presence.RINGING);
        done(control.setDoNotDisturb("225", true));
        awaitPresence("225", Presence.DO_NOT_DISTURB);

        pbx.stop();
        await().atMost(WITHIN).until(() -> link.state() != LinkState.UP);
        // while the gateway is away the calls go on: 223 answers, 224's caller gives up, 225 turns DND off
        pbx.act(pbx -> {
            pbx.answer("223");
            pbx.hangUp("0799999999");
            pbx.doNotDisturb("225", false);
        });
        pbx.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> link.state() == LinkState.UP);
        await().atMost(WITHIN).until(() -> monitors.activeCount() == DEVICES);
        awaitPresence("223", Presence.BUSY);
        awaitPresence("222", Presence.BUSY);
        awaitPresence("224", Presence.AVAILABLE);
        awaitPresence("225", Presence.AVAILABLE);
        assertThat(states.presence("220")).isEqualTo(Presence.ON_HOLD);
        assertThat(states.presence("221")).isEqualTo(Presence.BUSY);
        Call restored = states.device("220").calls().get(0);
        assertThat(restored.connection()).isEqualTo(first);
        assertThat(restored.hasParty("221")).isTrue();

        // the restored connection identifiers work for call control
        done(control.retrieveCall(restored.connection()));
        awaitPresence("220", Presence.BUSY);
        done(control.clearConnection(restored.connection()));
        awaitPresence("220", Presence.AVAILABLE);
        awaitPresence("221", Presence.AVAILABLE);
        assertThat(registry.get("cloudgate.csta.link.reconnects").counter().count()).isGreaterThanOrEqualTo(1.0);
    }

    /** A frame that frames but does not decode: a bare INTEGER for BER, an unclosed element for XML. */
    private static byte[] malformedFrame(CstaEncoding encoding) {
        if (encoding == CstaEncoding.BER) {
            return new byte[] {0x02, 0x01, 0x05};
        }
        byte[] document = "<?xml version=\"1.0\"?><HeldEvent><monitorCrossRefID>1".getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[8 + document.length];
        frame[2] = (byte) (frame.length >> 8);
        frame[3] = (byte) frame.length;
        System.arraycopy("9999".getBytes(StandardCharsets.US_ASCII), 0, frame, 4, 4);
        System.arraycopy(document, 0, frame, 8, document.length);
        return frame;
    }

    @ParameterizedTest
    @EnumSource(CstaEncoding.class)
    void malformedFrameResetsTheLinkWhichResyncsTheCallState(CstaEncoding encoding) throws Exception {
        start(encoding, 250);
        await().atMost(WITHIN).until(() -> monitors.activeCount() == DEVICES);
        ConnectionId call = done(control.makeCall("230", "231"));
        awaitPresence("231", Presence.RINGING);

        pbx.sendRaw(malformedFrame(encoding));
        await().atMost(WITHIN).until(() -> registry.find("cloudgate.csta.decode.failures").tag("reason", "malformed")
                .counter() != null);
        // while the link is away 231 answers; the snapshot after the reconnect shows it
        pbx.act(pbx -> pbx.answer("231"));
        await().atMost(WITHIN).until(() -> registry.get("cloudgate.csta.link.reconnects").counter().count() >= 1.0
                && link.state() == LinkState.UP);
        awaitPresence("231", Presence.BUSY);
        assertThat(states.device("230").calls()).extracting(Call::connection).containsExactly(call);
        assertThat(registry.get("cloudgate.csta.decode.failures").tag("reason", "malformed").counter().count())
                .isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(CstaEncoding.class)
    void monitorLimitRefusesTheRestAndAnUnansweredRequestTimesOutAlone(CstaEncoding encoding) throws Exception {
        start(encoding, 150);
        await().atMost(WITHIN).until(() -> monitors.activeCount() == 150 && monitors.refusedCount() == 50);
        assertThat(registry.get("cloudgate.csta.monitors.refused").gauge().value()).isEqualTo(50.0);
        assertThat(registry.get("cloudgate.csta.monitor.limit").counter().count()).isGreaterThanOrEqualTo(50.0);

        pbx.neverAnswer(Operation.GET_FORWARDING);
        var unanswered = control.getForwarding("201");
        assertThat(done(control.getDoNotDisturb("201"))).isFalse();
        assertThatThrownBy(() -> unanswered.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(CstaRequestException.class,
                        e -> assertThat(e.outcome()).isEqualTo(CstaRequestException.Outcome.TIMEOUT));
        assertThat(link.state()).isEqualTo(LinkState.UP);
    }
}
