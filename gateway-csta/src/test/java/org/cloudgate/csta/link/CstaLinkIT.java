package org.cloudgate.csta.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.cloudgate.csta.CstaSamples;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaRequest;
import org.cloudgate.csta.model.CstaResult;
import org.cloudgate.csta.model.ErrorCategory;
import org.cloudgate.csta.model.Operation;
import org.cloudgate.csta.model.RejectProblem;
import org.cloudgate.csta.model.SystemState;
import org.cloudgate.csta.monitor.EventRouter;
import org.cloudgate.csta.xml.XmlNamespaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A {@link CstaLink} against {@link CstaTestServer} over real sockets, for both encodings. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CstaLinkIT {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventRouter router = new EventRouter();
    private final List<CstaEvent> events = new CopyOnWriteArrayList<>();
    private CstaTestServer server;
    private CstaLink link;

    private CstaLink start(CstaEncoding encoding, String password) throws InterruptedException {
        server = new CstaTestServer(encoding);
        CstaLinkSettings settings = new CstaLinkSettings("127.0.0.1", server.port(), encoding, "cloudgate", password,
                XmlNamespaces.ED5, Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(50),
                Duration.ofMillis(200), CstaLinkSettings.DEFAULT_MAX_FRAME_LENGTH);
        link = new CstaLink(settings, group, router, registry);
        link.start();
        return link;
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.stop().get(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @ParameterizedTest
    @EnumSource(CstaEncoding.class)
    void monitorsADeviceAndRoutesItsEvents(CstaEncoding encoding) throws Exception {
        start(encoding, CstaTestServer.PASSWORD);
        await().atMost(WITHIN).until(() -> link.state() == LinkState.UP);
        router.register("M201", events::add);
        CstaResult result = link.invoke(new CstaRequest.MonitorStart("201")).get(5, TimeUnit.SECONDS);
        assertThat(result).isEqualTo(new CstaResult.MonitorStartResult("M201"));
        await().atMost(WITHIN).until(() -> events.size() == 1);
        assertThat(events.get(0)).isInstanceOf(CstaEvent.Delivered.class);
        assertThat(count("cloudgate.csta.events", "type", "delivered")).isEqualTo(1.0);
        assertThat(registry.find("cloudgate.csta.requests").tags("operation", "monitor_start", "outcome", "success").timer())
                .isNotNull();
        assertThat(registry.get("cloudgate.csta.link.state").gauge().value()).isEqualTo(2.0);
        await().atMost(WITHIN).until(() -> server.received().stream().anyMatch(m -> m instanceof CstaMessage.Invoke i
                && i.request() instanceof CstaRequest.RequestSystemStatus));
    }

    @ParameterizedTest
    @EnumSource(CstaEncoding.class)
    void monitorLimitAndTimeoutFailOnlyTheirOwnRequests(CstaEncoding encoding) throws Exception {
        start(encoding, CstaTestServer.PASSWORD);
        await().atMost(WITHIN).until(() -> link.state() == LinkState.UP);
        CompletableFuture<CstaResult> unanswered = link.invoke(new CstaRequest.GetForwarding("201"));
        CompletableFuture<CstaResult> refused = link.invoke(new CstaRequest.MonitorStart("999"));
        CompletableFuture<CstaResult> held = link.invoke(new CstaRequest.HoldCall(CstaSamples.ALICE));
        assertThat(held.get(5, TimeUnit.SECONDS)).isInstanceOf(CstaResult.Acknowledgement.class);
        CstaRequestException limit = failure(refused);
        assertThat(limit.outcome()).isEqualTo(CstaRequestException.Outcome.ERROR);
        assertThat(limit.error()).isEqualTo(CstaError.OVERALL_MONITOR_LIMIT_EXCEEDED);
        assertThat(count("cloudgate.csta.monitor.limit")).isEqualTo(1.0);
        assertThat(failure(unanswered).outcome()).isEqualTo(CstaRequestException.Outcome.TIMEOUT);
        assertThat(link.state()).isEqualTo(LinkState.UP);
    }

    @ParameterizedTest
    @EnumSource(CstaEncoding.class)
    void answersThePbxKeepAliveAndRefusesUnknownRequests(CstaEncoding encoding) throws Exception {
        start(encoding, CstaTestServer.PASSWORD);
        await().atMost(WITHIN).until(() -> link.state() == LinkState.UP);
        server.send(new CstaMessage.Invoke(77, new CstaRequest.SystemStatus(SystemState.NORMAL)));
        server.send(new CstaMessage.Invoke(78, new CstaRequest.MakeCall("201", "202")));
        CstaMessage refusal = encoding == CstaEncoding.BER
                ? new CstaMessage.Reject(78, RejectProblem.UNRECOGNIZED_OPERATION)
                : new CstaMessage.Error(78, new CstaError(ErrorCategory.OPERATION, 50));
        await().atMost(WITHIN).until(() -> server.received().contains(refusal));
        assertThat(server.received()).contains(new CstaMessage.Result(77,
                new CstaResult.Acknowledgement(Operation.SYSTEM_STATUS)));
    }

    @ParameterizedTest
    @EnumSource(CstaEncoding.class)
    void reconnectsAfterTheConnectionDropsOrAFrameDoesNotDecode(CstaEncoding encoding) throws Exception {
        start(encoding, CstaTestServer.PASSWORD);
        await().atMost(WITHIN).until(() -> link.state() == LinkState.UP);
        server.dropConnections();
        await().atMost(WITHIN).until(() -> count("cloudgate.csta.link.reconnects") >= 1 && link.state() == LinkState.UP);
        server.sendRaw(new byte[] {(byte) 0xA1, (byte) 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});
        await().atMost(WITHIN).until(() -> count("cloudgate.csta.decode.failures", "reason", "framing") == 1.0);
        await().atMost(WITHIN).until(() -> count("cloudgate.csta.link.reconnects") >= 2 && link.state() == LinkState.UP);
        server.sendRaw(malformedButFramed(encoding));
        await().atMost(WITHIN).until(() -> count("cloudgate.csta.decode.failures", "reason", "malformed") == 1.0);
        await().atMost(WITHIN).until(() -> count("cloudgate.csta.link.reconnects") >= 3 && link.state() == LinkState.UP);
        router.register("M202", events::add);
        link.invoke(new CstaRequest.MonitorStart("202")).get(5, TimeUnit.SECONDS);
        await().atMost(WITHIN).until(() -> events.size() == 1);
        assertThat(((CstaEvent.Delivered) events.get(0)).connection()).isEqualTo(new ConnectionId("5", "202"));
    }

    @ParameterizedTest
    @EnumSource(value = CstaEncoding.class, names = "BER")
    void aRefusedSessionNeverComesUp(CstaEncoding encoding) throws Exception {
        start(encoding, "wrong");
        await().atMost(WITHIN).until(() -> count("cloudgate.csta.link.reconnects") >= 2);
        assertThat(link.state()).isNotEqualTo(LinkState.UP);
        assertThat(failure(link.invoke(new CstaRequest.RequestSystemStatus())).outcome())
                .isEqualTo(CstaRequestException.Outcome.LINK_DOWN);
    }

    /** A frame whose framing is intact but whose content is not a CSTA message. */
    private static byte[] malformedButFramed(CstaEncoding encoding) {
        if (encoding == CstaEncoding.BER) {
            return new byte[] {0x02, 0x01, 0x05};
        }
        byte[] document = ("<HeldEvent xmlns=\"" + XmlNamespaces.ED5 + "\"/>").getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[8 + document.length];
        frame[2] = (byte) (frame.length >> 8);
        frame[3] = (byte) frame.length;
        System.arraycopy("9999".getBytes(StandardCharsets.US_ASCII), 0, frame, 4, 4);
        System.arraycopy(document, 0, frame, 8, document.length);
        return frame;
    }

    private static CstaRequestException failure(CompletableFuture<CstaResult> future) throws Exception {
        try {
            future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (CstaRequestException) e.getCause();
        }
        throw new AssertionError("request succeeded");
    }
}
