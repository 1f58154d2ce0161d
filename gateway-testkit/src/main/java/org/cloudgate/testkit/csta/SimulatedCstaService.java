package org.cloudgate.testkit.csta;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.cloudgate.csta.codec.CstaCodec;
import org.cloudgate.csta.codec.CstaMessageDecoder;
import org.cloudgate.csta.codec.CstaMessageEncoder;
import org.cloudgate.csta.codec.DecodeFailure;
import org.cloudgate.csta.codec.Inbound;
import org.cloudgate.csta.link.CstaEncoding;
import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.ErrorCategory;
import org.cloudgate.csta.model.Operation;
import org.cloudgate.csta.model.RejectProblem;
import org.cloudgate.csta.xml.XmlNamespaces;

/**
 * The CSTA service of the simulated PBX on a real TCP socket, in either encoding: BER sessions
 * open with an ACSE association checked against the configured password (ECMA-285 clause 7);
 * XML needs none, as on the MiVoice Office 400. Requests go to one {@link SimulatedSwitch}, whose
 * calls outlive the service: {@link #stop} and {@link #start} take the service down and up on the
 * same port while calls go on, as a PBX whose CSTA interface restarts.
 *
 * <p>Malformed frames from a client close its connection. Requests outside the switch's
 * services get a reject (BER) or {@code serviceNotSupported} (XML). Everything runs on one event
 * loop; {@link #inSwitch} runs test actions there.
 */
public final class SimulatedCstaService implements AutoCloseable {

    /** Frames longer than this are refused, as the gateway's default does. */
    public static final int MAX_FRAME_LENGTH = 65_535;
    private static final CstaError SERVICE_NOT_SUPPORTED =
            new CstaError(ErrorCategory.OPERATION, ErrorCategory.OPERATION.valueCode("serviceNotSupported"));

    private final CstaEncoding encoding;
    private final String password;
    private final SimulatedSwitch pbx;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventExecutor loop = group.next();
    private final CstaMessageDecoder decoder;
    private final Set<Channel> sessions = new HashSet<>();
    private final Set<Operation> unanswered = new HashSet<>();
    private Channel listener;
    private String host = "127.0.0.1";
    private int port;

    /**
     * @param encoding the encoding clients must speak
     * @param password the password a BER association must carry
     * @param pbx the switching function behind the service
     */
    public SimulatedCstaService(CstaEncoding encoding, String password, SimulatedSwitch pbx) {
        this.encoding = encoding;
        this.password = password;
        this.pbx = pbx;
        this.decoder = new CstaMessageDecoder(encoding.codec());
    }

    /** Listens on the loopback address: an ephemeral port the first time, the same port after a {@link #stop}. */
    public SimulatedCstaService start() throws InterruptedException {
        return bind(host, port);
    }

    /**
     * Listens on {@code host} and {@code port}, as the demo's PBX does where the configuration
     * says the CSTA service is.
     *
     * @throws IOException when the address cannot be bound, e.g. the port is taken
     */
    public SimulatedCstaService startAt(String host, int port) throws IOException, InterruptedException {
        try {
            return bind(host, port);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // Netty rethrows the socket's BindException without declaring it.
            if (e instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    private SimulatedCstaService bind(String address, int wanted) throws InterruptedException {
        CstaCodec codec = encoding.codec();
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(encoding.frameDecoder(MAX_FRAME_LENGTH))
                                .addLast(decoder)
                                .addLast(new CstaMessageEncoder(codec, XmlNamespaces.ED5))
                                .addLast(new ClientSession());
                    }
                })
                .bind(address, wanted).sync().channel();
        host = address;
        port = ((InetSocketAddress) listener.localAddress()).getPort();
        return this;
    }

    /** The port the service listens (or listened) on. */
    public int port() {
        return port;
    }

    /** Closes the listener and every session; the switch's calls go on, its monitors end. */
    public void stop() {
        call(unused -> {
            for (Channel session : List.copyOf(sessions)) {
                session.close();
            }
            return null;
        });
        if (listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
        }
    }

    /** Runs an action on the switch, on the service's event loop, and returns its result. */
    public <T> T inSwitch(Function<SimulatedSwitch, T> action) {
        return call(unused -> action.apply(pbx));
    }

    /** Runs an action on the switch, on the service's event loop, and waits for it. */
    public void act(Consumer<SimulatedSwitch> action) {
        call(unused -> {
            action.accept(pbx);
            return null;
        });
    }

    /**
     * Lets MakeCall from an extension with a registered terminal ring that terminal first, and the
     * call follow what the terminal does (see {@link SimulatedSwitch.TerminalLine}); {@code null}
     * turns it off. What the terminal does reaches the switch on the service's event loop.
     */
    public void ringTerminals(SimulatedSwitch.TerminalLine line) {
        act(pbx -> pbx.ringTerminals(line == null ? null : new OnSwitchLoop(line)));
    }

    /** Leaves requests of this operation unanswered from now on, to exercise a client's timeout. */
    public void neverAnswer(Operation operation) {
        call(unused -> unanswered.add(operation));
    }

    /** Sends bytes as they are to every session, e.g. a malformed frame. */
    public void sendRaw(byte[] bytes) {
        call(unused -> {
            for (Channel session : sessions) {
                session.writeAndFlush(Unpooled.wrappedBuffer(bytes));
            }
            return null;
        });
    }

    /** Open client sessions. */
    public int sessionCount() {
        return call(unused -> sessions.size());
    }

    @Override
    public void close() {
        stop();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private <T> T call(Function<Void, T> action) {
        try {
            return loop.submit(() -> action.apply(null)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("switch action failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("switch did not run the action within 10 s", e);
        }
    }

    /** A terminal line whose events are handed to the switch on the service's event loop. */
    private final class OnSwitchLoop implements SimulatedSwitch.TerminalLine {
        private final SimulatedSwitch.TerminalLine line;

        OnSwitchLoop(SimulatedSwitch.TerminalLine line) {
            this.line = line;
        }

        @Override
        public boolean registered(String extension) {
            return line.registered(extension);
        }

        @Override
        public SimulatedSwitch.TerminalCall ring(String extension, String called, SimulatedSwitch.TerminalEvents events) {
            return line.ring(extension, called, new SimulatedSwitch.TerminalEvents() {
                @Override
                public void answered() {
                    loop.execute(events::answered);
                }

                @Override
                public void refused(int status) {
                    loop.execute(() -> events.refused(status));
                }

                @Override
                public void hungUp() {
                    loop.execute(events::hungUp);
                }
            });
        }
    }

    /** One client connection: its association, its requests, and the monitors it started. */
    private final class ClientSession extends ChannelInboundHandlerAdapter implements SimulatedSwitch.Session {

        private Channel channel;
        private boolean associated;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            sessions.add(channel);
            associated = encoding == CstaEncoding.XML;
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            sessions.remove(ctx.channel());
            pbx.sessionClosed(this);
            ctx.fireChannelInactive();
        }

        @Override
        public void send(CstaMessage message) {
            channel.writeAndFlush(message);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DecodeFailure) {
                ctx.close();
                return;
            }
            if (!(msg instanceof Inbound inbound)) {
                return;
            }
            if (inbound.namespace() != null) {
                ctx.pipeline().get(CstaMessageEncoder.class).useNamespace(inbound.namespace());
            }
            CstaMessage message = inbound.message();
            if (message instanceof CstaMessage.AssociationRequest aarq) {
                associated = aarq.password().equals(password);
                ctx.writeAndFlush(new CstaMessage.AssociationResponse(associated, associated ? 0 : 14));
            } else if (!associated) {
                ctx.close();
            } else if (message instanceof CstaMessage.Invoke invoke) {
                if (!unanswered.contains(invoke.request().operation())) {
                    pbx.serve(this, invoke.invokeId(), invoke.request());
                }
            } else if (message instanceof CstaMessage.Unrecognized unrecognized && unrecognized.invoke()) {
                ctx.writeAndFlush(encoding == CstaEncoding.BER
                        ? new CstaMessage.Reject(unrecognized.invokeId(), RejectProblem.UNRECOGNIZED_OPERATION)
                        : new CstaMessage.Error(unrecognized.invokeId(), SERVICE_NOT_SUPPORTED));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
