package org.cloudgate.testkit.csta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.cloudgate.csta.control.CallControl;
import org.cloudgate.csta.link.CstaEncoding;
import org.cloudgate.csta.link.CstaLink;
import org.cloudgate.csta.link.CstaLinkSettings;
import org.cloudgate.csta.link.DeviceMonitors;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.SnapshotCall;
import org.cloudgate.csta.monitor.EventRouter;
import org.cloudgate.csta.xml.XmlNamespaces;
import org.cloudgate.sip.auth.DigestAlgorithm;
import org.cloudgate.sip.transport.Sipp;
import org.cloudgate.testkit.pbx.ExtensionBehaviour;
import org.cloudgate.testkit.pbx.PbxDescription;
import org.cloudgate.testkit.pbx.RecordedMessage;
import org.cloudgate.testkit.pbx.SimulatedPbx;
import org.cloudgate.testkit.pbx.SipTerminalLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated PBX's SIP and CSTA sides as one PBX: a MakeCall from extension 201, whose
 * terminal (SIPp) is registered at the PBX's registrar, rings that terminal with an INVITE first,
 * and the CSTA events a client's monitors receive follow what the terminal does on SIP: its
 * answer (Originated, then Delivered at the called device), its BYE or its refusal
 * (ConnectionCleared), and a clearing on the CSTA side ends the SIP call with BYE.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MakeCallAtTerminalIT {

    private static final String USER = "cloudgate";
    private static final String PASSWORD = "pbx-secret";
    private static final Duration WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Map<String, List<CstaEvent>> events = new ConcurrentHashMap<>();
    private SimulatedPbx pbx;
    private SimulatedCstaService csta;
    private CstaLink link;
    private CallControl control;

    @BeforeEach
    void start() throws Exception {
        // SIPp computes MD5 digests only.
        pbx = SimulatedPbx.start(PbxDescription.builder()
                .credentials(USER, PASSWORD)
                .digestAlgorithms(List.of(DigestAlgorithm.MD5))
                .extension("201", "Alice Example", "alice@example.com", ExtensionBehaviour.ANSWER)
                .extension("202", "Bob Example", "bob@example.com", ExtensionBehaviour.ECHO)
                .build());
        csta = new SimulatedCstaService(CstaEncoding.XML, PASSWORD, new SimulatedSwitch(List.of("201", "202"), 10))
                .start();
        csta.ringTerminals(new SipTerminalLine(pbx));
        EventRouter router = new EventRouter();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        link = new CstaLink(new CstaLinkSettings("127.0.0.1", csta.port(), CstaEncoding.XML, USER, PASSWORD,
                XmlNamespaces.ED5, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(50),
                Duration.ofMillis(500), CstaLinkSettings.DEFAULT_MAX_FRAME_LENGTH), group, router, registry);
        DeviceMonitors monitors = new DeviceMonitors(link, router, registry, Duration.ofSeconds(1));
        control = new CallControl(link);
        for (String device : List.of("201", "202")) {
            List<CstaEvent> seen = new CopyOnWriteArrayList<>();
            events.put(device, seen);
            monitors.add(device, new DeviceMonitors.DeviceListener() {
                @Override
                public void onEvent(CstaEvent event) {
                    seen.add(event);
                }

                @Override
                public void onSnapshot(List<SnapshotCall> calls) {
                }
            });
        }
        link.start();
        await().atMost(WITHIN).until(() -> monitors.activeCount() == 2);
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.stop().get(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (csta != null) {
            csta.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    private void register(Sipp phone) throws Exception {
        try (Sipp terminal = Sipp.client("pbx-uac-register.xml", "127.0.0.1:" + pbx.port(), dir, "-s", "201",
                "-au", USER, "-ap", PASSWORD, "-set", "contact_port", Integer.toString(phone.port()))) {
            assertThat(terminal.awaitExit(20)).as(terminal.output()).isZero();
        }
    }

    private List<String> types(String device) {
        return events.get(device).stream().map(event -> event.type().name()).toList();
    }

    private void awaitEvent(String device, Class<? extends CstaEvent> type) {
        await().atMost(WITHIN).until(() -> events.get(device).stream().anyMatch(type::isInstance));
    }

    private static <T extends CstaEvent> T last(List<CstaEvent> seen, Class<T> type) {
        for (int i = seen.size() - 1; i >= 0; i--) {
            if (type.isInstance(seen.get(i))) {
                return type.cast(seen.get(i));
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + seen);
    }

    @Test
    void theTerminalRingsFirstAndItsAnswerOffersTheCallThenACstaClearingSendsItABye() throws Exception {
        try (Sipp phone = Sipp.server("pbx-uas-answer.xml", dir)) {
            register(phone);
            ConnectionId calling = control.makeCall("201", "202").get(10, TimeUnit.SECONDS);

            awaitEvent("202", CstaEvent.Delivered.class);
            RecordedMessage invite = pbx.recorder().messages().stream()
                    .filter(m -> m.direction() == RecordedMessage.Direction.SENT && "INVITE".equals(m.method()))
                    .findFirst().orElseThrow();
            assertThat(invite.startLine()).isEqualTo("INVITE sip:201@127.0.0.1:" + phone.port() + " SIP/2.0");
            assertThat(invite.header("From")).startsWith("\"Bob Example\" <sip:202@");
            assertThat(types("201")).containsExactly("SERVICE_INITIATED", "ORIGINATED", "DELIVERED");

            control.answerCall(last(events.get("202"), CstaEvent.Delivered.class).connection()).get(10,
                    TimeUnit.SECONDS);
            awaitEvent("201", CstaEvent.Established.class);
            control.clearConnection(calling).get(10, TimeUnit.SECONDS);

            assertThat(phone.awaitExit(20)).as(phone.output()).isZero();
            awaitEvent("202", CstaEvent.CallCleared.class);
            assertThat(types("202")).containsExactly("DELIVERED", "ESTABLISHED", "CONNECTION_CLEARED", "CALL_CLEARED");
            await().atMost(WITHIN).until(() -> pbx.calls().isEmpty());
        }
    }

    @Test
    void theTerminalsByeClearsItsConnectionAndTheCall() throws Exception {
        try (Sipp phone = Sipp.server("pbx-uas-answer-then-hang-up.xml", dir)) {
            register(phone);
            control.makeCall("201", "202").get(10, TimeUnit.SECONDS);

            assertThat(phone.awaitExit(20)).as(phone.output()).isZero();
            awaitEvent("202", CstaEvent.CallCleared.class);
            assertThat(types("201")).containsExactly("SERVICE_INITIATED", "ORIGINATED", "DELIVERED",
                    "CONNECTION_CLEARED");
            CstaEvent.ConnectionCleared cleared = last(events.get("201"), CstaEvent.ConnectionCleared.class);
            assertThat(cleared.droppedConnection().deviceId()).isEqualTo("201");
            assertThat(cleared.cause()).isEqualTo(EventCause.NORMAL_CLEARING);
            assertThat(types("202")).containsExactly("DELIVERED", "CONNECTION_CLEARED", "CALL_CLEARED");
        }
    }

    @Test
    void aBusyTerminalClearsTheCallBeforeTheCalledDeviceIsOffered() throws Exception {
        try (Sipp phone = Sipp.server("pbx-uas-busy.xml", dir)) {
            register(phone);
            control.makeCall("201", "202").get(10, TimeUnit.SECONDS);

            assertThat(phone.awaitExit(20)).as(phone.output()).isZero();
            awaitEvent("201", CstaEvent.ConnectionCleared.class);
            assertThat(types("201")).containsExactly("SERVICE_INITIATED", "CONNECTION_CLEARED");
            assertThat(last(events.get("201"), CstaEvent.ConnectionCleared.class).cause()).isEqualTo(EventCause.BUSY);
            assertThat(events.get("202")).isEmpty();
        }
    }

    @Test
    void withoutARegisteredTerminalTheCallingDeviceGoesOffHookAtOnce() throws Exception {
        control.makeCall("202", "201").get(10, TimeUnit.SECONDS);

        awaitEvent("201", CstaEvent.Delivered.class);
        assertThat(types("202")).startsWith("SERVICE_INITIATED", "ORIGINATED");
        assertThat(pbx.recorder().messages()).isEmpty();
    }
}
