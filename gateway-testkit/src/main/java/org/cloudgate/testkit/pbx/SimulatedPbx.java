package org.cloudgate.testkit.pbx;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.cloudgate.sip.auth.DigestAuthenticator;
import org.cloudgate.sip.auth.DigestSecret;
import org.cloudgate.sip.auth.DigestSettings;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.transaction.TransactionTimers;
import org.cloudgate.sip.transport.LoopStack;
import org.cloudgate.sip.transport.SipChannels;
import org.cloudgate.sip.transport.SipListenerException;
import org.cloudgate.sip.trace.SipTrace;
import org.cloudgate.sip.transport.SipStack;
import org.cloudgate.sip.transport.SipStackSettings;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A simulated MiVoice Office 400, SIP side, for demo mode and end-to-end tests: a real SIP user
 * agent on the gateway's own stack, listening on UDP and TCP on one port. It is the registrar of
 * the terminals the gateway registers ({@link #registeredTerminals()}), its extensions answer,
 * ring, are busy or do not answer as described ({@link ExtensionBehaviour}), answered calls echo
 * their RTP ({@link RtpEcho}), calls through the outgoing route are recorded by the
 * {@link ProviderTrunk}, and {@link #callUser} places a call to a registered terminal. Every SIP
 * message is kept by the {@link MessageRecorder}.
 *
 * <p>SIP runs on one event-loop thread and the RTP echoes on another; the public methods may be
 * called from any thread.
 */
public final class SimulatedPbx implements AutoCloseable {

    private static final int PORT_ATTEMPTS = 20;

    private final PbxDescription description;
    private final MeterRegistry registry;
    private final EventLoopGroup sipGroup;
    private final EventLoopGroup mediaGroup;
    private final MessageRecorder recorder = new MessageRecorder();
    private final ProviderTrunk trunk;
    private final PbxUserAgent agent;
    private SipStack stack;
    private PbxEndpoint endpoint;
    private TerminalRegistrar registrar;

    private SimulatedPbx(PbxDescription description, MeterRegistry registry) {
        this.description = description;
        this.registry = registry;
        this.sipGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("pbx-sip", true),
                NioIoHandler.newFactory());
        this.mediaGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("pbx-rtp", true),
                NioIoHandler.newFactory());
        this.trunk = new ProviderTrunk(description.trunk());
        this.agent = new PbxUserAgent(description, trunk, new Refusals(registry));
    }

    /** Starts a PBX with its own meter registry. */
    public static SimulatedPbx start(PbxDescription description) throws SipListenerException {
        return start(description, new SimpleMeterRegistry());
    }

    /**
     * Binds the SIP listeners and starts answering.
     *
     * @throws SipListenerException when the port is taken (or, for port 0, no port free for both
     *                              UDP and TCP was found)
     */
    public static SimulatedPbx start(PbxDescription description, MeterRegistry registry) throws SipListenerException {
        SimulatedPbx pbx = new SimulatedPbx(description, registry);
        try {
            pbx.bind();
        } catch (SipListenerException | RuntimeException e) {
            pbx.close();
            throw e;
        }
        return pbx;
    }

    private void bind() throws SipListenerException {
        SipChannels channels = new SipChannels(sipGroup, NioDatagramChannel.class, NioServerSocketChannel.class,
                NioSocketChannel.class, false);
        TransactionTimers timers = TransactionTimers.RFC_3261;
        for (int attempt = 1; ; attempt++) {
            int port = description.port() == 0 ? freePort(description.host()) : description.port();
            if (port == 0 && attempt < PORT_ATTEMPTS) {
                continue;
            }
            try {
                stack = SipStack.start(new SipStackSettings(description.host(), port, port, SipStackSettings.DISABLED,
                        Optional.empty(), timers, SipDecoderConfig.DEFAULTS, Duration.ofMinutes(5),
                        Duration.ofSeconds(2)), channels, agent, registry, new SipTrace(registry));
                break;
            } catch (SipListenerException e) {
                if (description.port() != 0 || attempt == PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
        LoopStack loop = stack.loops().get(0);
        EventLoop sipLoop = loop.layer().loop();
        endpoint = new PbxEndpoint(loop, advertisedHost(description.host()), timers, mediaGroup.next(),
                NioDatagramChannel.class, recorder);
        DigestAuthenticator authenticator = new DigestAuthenticator(
                new DigestSettings(description.realm(), description.digestAlgorithms(),
                        DigestSettings.DEFAULT_NONCE_LIFETIME, DigestSettings.DEFAULT_TRACKED_NONCES),
                user -> description.username().equals(user) ? DigestSecret.password(description.password()) : null,
                () -> TimeUnit.NANOSECONDS.toMillis(sipLoop.ticker().nanoTime()));
        registrar = new TerminalRegistrar(sipLoop, description, authenticator, new Refusals(registry));
        sipLoop.submit(() -> agent.attach(endpoint, registrar)).syncUninterruptibly();
    }

    /** A port free for UDP and TCP on {@code host} at the moment of asking, 0 when UDP's was taken for TCP. */
    private static int freePort(String host) throws SipListenerException {
        InetSocketAddress any = new InetSocketAddress(host, 0);
        try (DatagramSocket udp = new DatagramSocket(any)) {
            int port = udp.getLocalPort();
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(host, port));
                return port;
            } catch (IOException taken) {
                return 0;
            }
        } catch (IOException e) {
            throw new SipListenerException("UDP", any, e);
        }
    }

    /** The bind address, or this host's address when bound to every interface. */
    private static String advertisedHost(String host) {
        if (!"0.0.0.0".equals(host) && !"::".equals(host)) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    public PbxDescription description() {
        return description;
    }

    /** The address other parties reach the PBX at (UDP and TCP share the port). */
    public InetSocketAddress address() {
        return new InetSocketAddress(endpoint.host(), endpoint.port());
    }

    /** The bound SIP port, for UDP and TCP. */
    public int port() {
        return endpoint.port();
    }

    /** What the listeners are bound to, e.g. "sip+udp://127.0.0.1:5060". */
    public List<String> listening() {
        return stack.listening();
    }

    /** The PBX's users (name, e-mail, extension), from which demo mode builds the gateway's directory. */
    public List<PbxUser> users() {
        return description.users();
    }

    /** Every terminal registered now, extension by extension. */
    public List<TerminalBinding> registeredTerminals() {
        return registrar.bindings();
    }

    /** The latest terminal registered for {@code extension}. */
    public Optional<TerminalBinding> terminal(String extension) {
        return registrar.binding(extension);
    }

    public ProviderTrunk trunk() {
        return trunk;
    }

    public MessageRecorder recorder() {
        return recorder;
    }

    /** The calls in progress (answered, not yet ended), either direction. */
    public List<PbxCall> calls() {
        return agent.calls();
    }

    /**
     * Calls {@code extension}'s registered terminal as {@code callerNumber} (shown as
     * {@code callerName}): the INVITE goes to the Contact the terminal registered. Without a
     * registered terminal the outcome is 480 at once and nothing is sent.
     */
    public OutgoingCall callUser(String extension, String callerNumber, String callerName) {
        CompletableFuture<OutgoingCall> placed = new CompletableFuture<>();
        endpoint.loop().execute(() -> {
            try {
                Optional<TerminalBinding> terminal = registrar.binding(extension);
                placed.complete(terminal.isEmpty()
                        ? OutgoingCall.refused(endpoint, extension, 480, "Temporarily Unavailable")
                        : OutgoingCall.place(endpoint, terminal.get(), callerNumber, callerName,
                                agent::register, agent::forget));
            } catch (RuntimeException e) {
                placed.completeExceptionally(e);
            }
        });
        return placed.join();
    }

    /** Turns down pending INVITEs, ends every call, drops the bindings and closes the sockets. */
    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.loop().submit(() -> {
                agent.close();
                registrar.stop();
            }).awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        if (stack != null) {
            stack.close();
        }
        sipGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        mediaGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
