package org.cloudgate.sip.registration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cloudgate.sip.auth.DigestAlgorithm;
import org.cloudgate.sip.auth.DigestAuthenticator;
import org.cloudgate.sip.auth.DigestSecret;
import org.cloudgate.sip.auth.DigestSettings;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.registration.PbxRegistration.State;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.transaction.TransactionTimers;
import org.cloudgate.sip.transaction.TransactionUser;
import org.cloudgate.sip.transport.LoopStack;
import org.cloudgate.sip.transport.SipChannels;
import org.cloudgate.sip.transport.SipStack;
import org.cloudgate.sip.transport.SipStackSettings;
import org.cloudgate.sip.transport.Sipp;
import org.cloudgate.sip.trace.SipTrace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration on real sockets with SIPp as the peer: a softphone registering at the gateway's
 * registrar with digest authentication, and the PBX's registrar receiving the gateway's
 * terminal registration. With NIO the stack has one UDP socket, on the first loop; the
 * registrar lives on the second, so every REGISTER crosses loops and back.
 */
@Timeout(60)
class RegistrationIT {

    @TempDir
    Path dir;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<Binding> firstBindings = new CopyOnWriteArrayList<>();
    private SipStack stack;
    private Registrar registrar;

    @BeforeEach
    void start() throws Exception {
        stack = SipStack.start(new SipStackSettings("127.0.0.1", 0, SipStackSettings.DISABLED,
                        SipStackSettings.DISABLED, Optional.empty(), TransactionTimers.RFC_3261, SipDecoderConfig.DEFAULTS,
                        Duration.ofSeconds(30), Duration.ofSeconds(2)),
                new SipChannels(group, NioDatagramChannel.class, NioServerSocketChannel.class, NioSocketChannel.class,
                        false),
                new RegisterOnly(), registry, new SipTrace(registry));
        var registrarLoop = stack.loops().get(1).layer().loop();
        // SIPp 3.6.1 computes MD5 digests only (its auth code refuses other algorithms), so MD5
        // alone is offered here; SHA-256 is covered by the unit tests.
        DigestAuthenticator authenticator = new DigestAuthenticator(
                new DigestSettings("gateway.example", List.of(DigestAlgorithm.MD5), Duration.ofMinutes(5), 1000),
                Map.of("alice", DigestSecret.password("wonderland"))::get,
                () -> TimeUnit.NANOSECONDS.toMillis(registrarLoop.ticker().nanoTime()));
        registrar = new Registrar(registrarLoop, RegistrarSettings.DEFAULTS, authenticator, new RegistrationListener() {
            @Override
            public void firstBinding(String user, Binding binding) {
                events.add("first " + user);
                firstBindings.add(binding);
            }

            @Override
            public void lastBindingGone(String user) {
                events.add("gone " + user);
            }
        }, new RegistrarMetrics(registry));
    }

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private int gatewayPort() {
        return stack.loops().get(0).udp().localAddress().getPort();
    }

    private double counter(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    @Test
    void aSoftphoneRegistersWithDigestAndUnregisters() throws Exception {
        try (Sipp phone = Sipp.client("uac-register-digest.xml", "127.0.0.1:" + gatewayPort(), dir)) {

            assertThat(phone.awaitExit(20)).as(phone.output()).isZero();

            assertThat(events).containsExactly("first alice", "gone alice");
            Binding binding = firstBindings.get(0);
            assertThat(binding.source()).isEqualTo(new InetSocketAddress("127.0.0.1", phone.port));
            assertThat(binding.transport().name()).isEqualTo("UDP");
            assertThat(binding.contact().uri()).isEqualTo("sip:alice@127.0.0.1:" + phone.port);
            assertThat(registrar.bindings("alice")).isEmpty();
            assertThat(counter("cloudgate.sip.registration.attempts", "result", "ok")).isEqualTo(2);
            assertThat(counter("cloudgate.sip.registration.attempts", "result", "unauthorized")).isEqualTo(2);
        }
    }

    @Test
    void aWrongPasswordIsChallengedAgainAndCounted() throws Exception {
        try (Sipp phone = Sipp.client("uac-register-wrong-password.xml", "127.0.0.1:" + gatewayPort(), dir)) {

            assertThat(phone.awaitExit(20)).as(phone.output()).isZero();

            assertThat(counter("cloudgate.sip.digest.failures", "reason", "wrong-response")).isEqualTo(1);
            assertThat(registrar.bindings("alice")).isEmpty();
            assertThat(events).isEmpty();
        }
    }

    @Test
    void theTerminalIsRegisteredAtThePbxRefreshedAndRemovedOnStop() throws Exception {
        try (Sipp pbx = Sipp.server("uas-pbx-registrar.xml", dir)) {
            Thread.sleep(300);
            LoopStack loop = stack.loops().get(0);
            PbxRegistration registration = new PbxRegistration(loop.layer(), loop.udp(),
                    new PbxTerminal("sip:201@pbx.example", "sip:201@127.0.0.1:" + gatewayPort(), "201",
                            DigestSecret.password("terminal-secret"), new InetSocketAddress("127.0.0.1", pbx.port)),
                    new PbxRegistrationSettings(3600, Duration.ofSeconds(1), Duration.ofSeconds(4), 0.25));

            registration.start();
            awaitTrue(() -> registration.status().grantedSeconds() == 2, pbx);
            awaitTrue(() -> registration.status().grantedSeconds() == 60, pbx);
            assertThat(registration.status().state()).isEqualTo(State.REGISTERED);

            registration.stop().get(10, TimeUnit.SECONDS);

            assertThat(registration.status()).isEqualTo(new PbxRegistration.Status(State.STOPPED, 200, "OK", 0));
            assertThat(pbx.awaitExit(20)).as(pbx.output()).isZero();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Sipp peer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 10 s; SIPp says:\n" + peer.output());
            }
            Thread.sleep(20);
        }
    }

    /** The transaction user of these tests: REGISTER goes to the registrar, the rest gets 405. */
    private final class RegisterOnly implements TransactionUser {
        @Override
        public void onRequest(ServerTransaction transaction, SipRequest request) {
            if ("REGISTER".equals(request.method())) {
                registrar.register(transaction, request);
                return;
            }
            SipResponse refusal = SipErrorResponse.of(request, 405, "Method Not Allowed");
            try {
                transaction.respond(refusal);
            } finally {
                refusal.release();
            }
        }

        @Override
        public void onCancel(ServerTransaction invite, SipRequest cancel) {
        }

        @Override
        public void onAck(SipRequest ack, InetSocketAddress source) {
        }
    }
}
