package org.cloudgate.sip.b2bua;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.trace.SipTrace;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.transaction.TransactionTimers;
import org.cloudgate.sip.transaction.TransactionUser;
import org.cloudgate.sip.transport.SipChannels;
import org.cloudgate.sip.transport.SipStack;
import org.cloudgate.sip.transport.SipStackSettings;
import org.cloudgate.sip.transport.Sipp;
import org.cloudgate.sip.transport.TransportPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session timers of the B2BUA on real sockets, with a 4 s interval (the configuration never goes
 * below 90 s; the timers themselves do not care): the gateway refreshes each leg it is the
 * refresher of, and a refresh the peer refuses ends both legs.
 */
@Timeout(60)
class SessionRefreshIT {

    @TempDir
    Path dir;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CallMetrics metrics = new CallMetrics(registry);
    private SipStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A B2BUA that sends every call to {@code callee}. */
    private String start(int callee) throws Exception {
        B2bua[] b2bua = new B2bua[1];
        TransactionUser user = new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction transaction, SipRequest request) {
                if (B2bua.inDialog(request)) {
                    b2bua[0].request(transaction, request);
                } else {
                    b2bua[0].invite(transaction, request);
                }
            }

            @Override
            public void onCancel(ServerTransaction invite, SipRequest cancel) {
                b2bua[0].cancel(invite);
            }

            @Override
            public void onAck(SipRequest ack, InetSocketAddress source) {
                b2bua[0].ack(ack);
            }

            @Override
            public void onStrayResponse(SipResponse response, InetSocketAddress source) {
                b2bua[0].strayResponse(response);
            }
        };
        stack = SipStack.start(new SipStackSettings("127.0.0.1", 0, SipStackSettings.DISABLED, SipStackSettings.DISABLED,
                        Optional.empty(), TransactionTimers.RFC_3261, SipDecoderConfig.DEFAULTS, Duration.ofSeconds(30),
                        Duration.ofSeconds(2)),
                new SipChannels(group, NioDatagramChannel.class, NioServerSocketChannel.class, NioSocketChannel.class,
                        false), user, registry, new SipTrace(registry));
        String uri = "sip:callee@127.0.0.1:" + callee;
        CallRouter router = (invite, source, transport) -> new CallPlan.Forward("test",
                List.of(new CallTarget(uri, uri, new InetSocketAddress("127.0.0.1", callee), null, TransportPolicy.UDP,
                        null)), CallerIdentity.AS_RECEIVED, CallPlan.Rewrite.NONE);
        b2bua[0] = new B2bua(stack, new B2buaSettings("127.0.0.1", Duration.ofMinutes(1), Duration.ofHours(1),
                new SessionRefresh(true, Duration.ofSeconds(4), Duration.ofSeconds(2))), router, metrics);
        return "127.0.0.1:" + stack.loops().get(0).udp().localAddress().getPort();
    }

    @Test
    void theGatewayRefreshesTheLegsOfACallerAndCalleeThatDoNotRefreshThemselves() throws Exception {
        try (Sipp callee = Sipp.server("b2bua-uas-answer.xml", dir)) {
            String gateway = start(callee.port());
            try (Sipp caller = Sipp.client("b2bua-uac-refreshed.xml", gateway, dir)) {
                assertThat(caller.awaitExit(30)).as(caller.output()).isZero();
            }
            assertThat(callee.awaitExit(30)).as(callee.output()).isZero();
        }
        awaitNoActiveCall();
        assertThat(registry.get("cloudgate.calls.ended").tag("outcome", "completed").counter().count()).isEqualTo(1);
    }

    @Test
    void aRefreshTheCalleeRefusesEndsBothLegs() throws Exception {
        try (Sipp callee = Sipp.server("b2bua-uas-refresh-fails.xml", dir)) {
            String gateway = start(callee.port());
            try (Sipp caller = Sipp.client("b2bua-uac-hung-up.xml", gateway, dir)) {
                assertThat(caller.awaitExit(30)).as(caller.output()).isZero();
            }
            assertThat(callee.awaitExit(30)).as(callee.output()).isZero();
        }
        awaitNoActiveCall();
        assertThat(registry.get("cloudgate.calls.ended").tag("outcome", "terminated").counter().count()).isEqualTo(1);
    }

    /** The call ends on its event loop, which may still be at it when the last peer exits. */
    private void awaitNoActiveCall() throws InterruptedException {
        for (int i = 0; i < 50 && metrics.active() > 0; i++) {
            Thread.sleep(100);
        }
        assertThat(metrics.active()).isZero();
    }
}
