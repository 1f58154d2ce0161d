package org.cloudgate.testkit.pbx;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.cloudgate.sip.auth.DigestAlgorithm;
import org.cloudgate.sip.auth.DigestSecret;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.registration.PbxRegistration;
import org.cloudgate.sip.registration.PbxRegistrationSettings;
import org.cloudgate.sip.registration.PbxTerminal;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.transaction.TransactionTimers;
import org.cloudgate.sip.transaction.TransactionUser;
import org.cloudgate.sip.transport.LoopStack;
import org.cloudgate.sip.transport.SipChannels;
import org.cloudgate.sip.trace.SipTrace;
import org.cloudgate.sip.transport.SipStack;
import org.cloudgate.sip.transport.SipStackSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's own terminal registration ({@link PbxRegistration}) against the simulated PBX:
 * SHA-256 digest (SIPp cannot compute it), the binding, its removal, and wrong credentials.
 */
@Timeout(60)
class TerminalRegistrationIT {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private SipStack gateway;
    private SimulatedPbx pbx;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (pbx != null) {
            pbx.close();
        }
    }

    private PbxRegistration register(String extension, String password) throws Exception {
        pbx = SimulatedPbx.start(PbxDescription.builder()
                .credentials("cloudgate", "pbx-secret")
                .digestAlgorithms(List.of(DigestAlgorithm.SHA_256))
                .extension("201", "Alice Example", "alice@example.com", ExtensionBehaviour.ECHO)
                .build());
        gateway = SipStack.start(new SipStackSettings("127.0.0.1", 0, SipStackSettings.DISABLED,
                        SipStackSettings.DISABLED, Optional.empty(), TransactionTimers.RFC_3261,
                        SipDecoderConfig.DEFAULTS, Duration.ofSeconds(30), Duration.ofSeconds(2)),
                new SipChannels(group, NioDatagramChannel.class, NioServerSocketChannel.class, NioSocketChannel.class,
                        false), new ResponsesOnly(), new SimpleMeterRegistry(), new SipTrace(new SimpleMeterRegistry()));
        LoopStack loop = gateway.loops().get(0);
        int gatewayPort = loop.udp().localAddress().getPort();
        PbxRegistration registration = new PbxRegistration(loop.layer(), loop.udp(),
                new PbxTerminal("sip:" + extension + "@127.0.0.1:" + pbx.port(),
                        "sip:" + extension + "@127.0.0.1:" + gatewayPort + ";transport=udp", "cloudgate",
                        DigestSecret.password(password), pbx.address()),
                PbxRegistrationSettings.DEFAULTS);
        registration.start();
        return registration;
    }

    @Test
    void theGatewaysTerminalRegistersWithSha256AndUnregisters() throws Exception {
        PbxRegistration registration = register("201", "pbx-secret");

        await().atMost(Duration.ofSeconds(10)).until(() -> registration.status().state() != PbxRegistration.State.REGISTERING
                && registration.status().state() != PbxRegistration.State.IDLE);
        assertThat(registration.status().state()).isEqualTo(PbxRegistration.State.REGISTERED);
        assertThat(registration.status().grantedSeconds()).isEqualTo(3600);
        assertThat(pbx.terminal("201")).hasValueSatisfying(binding -> assertThat(binding.contact().uri())
                .isEqualTo("sip:201@127.0.0.1:" + gateway.loops().get(0).udp().localAddress().getPort()
                        + ";transport=udp"));
        assertThat(pbx.recorder().received("REGISTER").get(1).header("Authorization")).contains("algorithm=SHA-256");

        registration.stop().get(10, TimeUnit.SECONDS);

        assertThat(registration.status().lastStatus()).isEqualTo(200);
        assertThat(pbx.registeredTerminals()).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefusedWith403() throws Exception {
        PbxRegistration registration = register("201", "wrong");

        await().atMost(Duration.ofSeconds(10)).until(() -> registration.status().state() == PbxRegistration.State.FAILED);
        assertThat(registration.status().lastStatus()).isEqualTo(403);
        assertThat(pbx.registeredTerminals()).isEmpty();
    }

    @Test
    void anExtensionThePbxDoesNotHaveIsRefusedWith404() throws Exception {
        PbxRegistration registration = register("299", "pbx-secret");

        await().atMost(Duration.ofSeconds(10)).until(() -> registration.status().state() == PbxRegistration.State.FAILED);
        assertThat(registration.status().lastStatus()).isEqualTo(404);
    }

    /** The gateway side of this test only sends requests. */
    private static final class ResponsesOnly implements TransactionUser {
        @Override
        public void onRequest(ServerTransaction transaction, SipRequest request) {
            throw new AssertionError("the PBX sent a request: " + request.method());
        }

        @Override
        public void onCancel(ServerTransaction invite, SipRequest cancel) {
        }

        @Override
        public void onAck(SipRequest ack, InetSocketAddress source) {
        }
    }
}
