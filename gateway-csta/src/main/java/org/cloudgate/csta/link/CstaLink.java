package org.cloudgate.csta.link;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.cloudgate.csta.codec.CstaCodec;
import org.cloudgate.csta.codec.CstaMessageDecoder;
import org.cloudgate.csta.codec.CstaMessageEncoder;
import org.cloudgate.csta.link.CstaRequestException.Outcome;
import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaRequest;
import org.cloudgate.csta.model.CstaResult;
import org.cloudgate.csta.model.ErrorCategory;
import org.cloudgate.csta.model.RejectProblem;
import org.cloudgate.csta.model.SystemState;
import org.cloudgate.csta.monitor.EventRouter;

/**
 * The gateway's CSTA client connection to the PBX: connects, opens the session (ACSE for BER;
 * none for XML, as the MiVoice Office 400 expects), keeps it alive with RequestSystemStatus,
 * sends requests with invoke identifiers and per-request timeouts, routes events to monitors,
 * and reconnects with exponential backoff and jitter when the connection is lost or a frame
 * does not decode.
 *
 * <p>All state lives on one event loop; {@link #invoke} may be called from any thread.
 */
public final class CstaLink {

    /** ECMA-323 Annex J.2: four digits, 9999 reserved for events. */
    private static final int MAX_XML_INVOKE_ID = 9998;
    private static final int MAX_BER_INVOKE_ID = 32767;
    /** ECMA-269 12.2 operation error serviceNotSupported, the XML answer to an unknown request. */
    private static final CstaError SERVICE_NOT_SUPPORTED = new CstaError(ErrorCategory.OPERATION, 50);

    private final CstaLinkSettings settings;
    private final EventLoop loop;
    private final EventRouter router;
    private final CstaLinkMetrics metrics;
    private final CstaCodec codec;
    private final CstaMessageDecoder messageDecoder;
    private final ReconnectBackoff backoff;
    private final PendingRequests pending;

    private final Class<? extends SocketChannel> channelType;
    private final List<Consumer<LinkState>> stateListeners = new CopyOnWriteArrayList<>();
    private volatile LinkState state = LinkState.DOWN;
    private boolean stopped = true;
    private Channel channel;
    private CstaMessageEncoder encoder;
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> sessionTimeout;

    /** A link on NIO event loops. */
    public CstaLink(CstaLinkSettings settings, EventLoopGroup group, EventRouter router, MeterRegistry registry) {
        this(settings, group, NioSocketChannel.class, router, registry);
    }

    /**
     * A link on {@code group}, whose loops take channels of {@code channelType} (e.g. epoll
     * channels on epoll loops).
     */
    public CstaLink(CstaLinkSettings settings, EventLoopGroup group, Class<? extends SocketChannel> channelType,
                    EventRouter router, MeterRegistry registry) {
        this.settings = settings;
        this.channelType = channelType;
        this.loop = group.next();
        this.router = router;
        this.metrics = new CstaLinkMetrics(registry);
        this.codec = settings.encoding().codec();
        this.messageDecoder = new CstaMessageDecoder(codec);
        this.backoff = new ReconnectBackoff(settings.reconnectMin(), settings.reconnectMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.pending = new PendingRequests(settings.encoding() == CstaEncoding.XML
                ? MAX_XML_INVOKE_ID : MAX_BER_INVOKE_ID);
    }

    /** Starts connecting; the link then keeps itself connected until {@link #stop}. */
    public void start() {
        loop.execute(() -> {
            if (stopped) {
                stopped = false;
                connect();
            }
        });
    }

    /** Closes the connection and stops reconnecting; pending requests fail with LINK_DOWN. */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            stopped = true;
            if (channel != null) {
                channel.close().addListener(f -> done.complete(null));
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    public LinkState state() {
        return state;
    }

    /**
     * Calls the listener on the link's event loop at every change of state, e.g. to re-monitor
     * devices and take snapshots each time the session comes up again.
     */
    public void addStateListener(Consumer<LinkState> listener) {
        stateListeners.add(listener);
    }

    /** Runs a task on the link's event loop, where its callbacks and the event router run. */
    public void execute(Runnable task) {
        loop.execute(task);
    }

    /** Runs a task on the link's event loop after a delay. */
    void schedule(Runnable task, Duration delay) {
        loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Sends a request. The future completes with the PBX's positive answer, or fails with a
     * {@link CstaRequestException} on a CSTA error, a reject, the timeout or the link going down.
     */
    public CompletableFuture<CstaResult> invoke(CstaRequest request) {
        CompletableFuture<CstaResult> future = new CompletableFuture<>();
        loop.execute(() -> send(request, future));
        return future;
    }

    private void send(CstaRequest request, CompletableFuture<CstaResult> future) {
        long start = System.nanoTime();
        int invokeId = state == LinkState.UP ? pending.allocate() : -1;
        if (invokeId < 0) {
            fail(new PendingRequests.Pending(request.operation(), future, start, null),
                    new CstaRequestException(Outcome.LINK_DOWN, state == LinkState.UP
                            ? "too many requests in flight" : "link is " + state, null));
            return;
        }
        ScheduledFuture<?> timeout = loop.schedule(() -> timeOut(invokeId),
                settings.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        pending.add(invokeId, new PendingRequests.Pending(request.operation(), future, start, timeout));
        channel.writeAndFlush(new CstaMessage.Invoke(invokeId, request)).addListener(write -> {
            if (!write.isSuccess()) {
                PendingRequests.Pending failed = pending.remove(invokeId);
                if (failed != null) {
                    fail(failed, new CstaRequestException(Outcome.LINK_DOWN, "write failed: " + write.cause(), null));
                }
            }
        });
    }

    private void timeOut(int invokeId) {
        PendingRequests.Pending request = pending.remove(invokeId);
        if (request != null) {
            fail(request, new CstaRequestException(Outcome.TIMEOUT, "no answer within "
                    + settings.requestTimeout().toMillis() + " ms", null));
        }
    }

    private void connect() {
        setState(LinkState.CONNECTING);
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.requestTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        CstaMessageEncoder channelEncoder = new CstaMessageEncoder(codec, settings.namespace());
                        ch.pipeline()
                                .addLast("frames", settings.encoding().frameDecoder(settings.maxFrameLength()))
                                .addLast("decoder", messageDecoder)
                                .addLast("encoder", channelEncoder)
                                .addLast("link", new LinkHandler(CstaLink.this));
                    }
                });
        ChannelFuture connecting = bootstrap.connect(settings.host(), settings.port());
        channel = connecting.channel();
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                connectionLost();
            }
        });
    }

    /** The connection is open: start the session. */
    void connected(Channel ch) {
        if (ch != channel) {
            return;
        }
        encoder = ch.pipeline().get(CstaMessageEncoder.class);
        if (settings.encoding() == CstaEncoding.BER) {
            ch.writeAndFlush(new CstaMessage.AssociationRequest(settings.user(), settings.password()));
            sessionTimeout = loop.schedule(() -> {
                ch.close();
            }, settings.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } else {
            sessionOpen();
        }
    }

    private void sessionOpen() {
        if (sessionTimeout != null) {
            sessionTimeout.cancel(false);
        }
        backoff.reset();
        setState(LinkState.UP);
        long interval = settings.keepAliveInterval().toNanos();
        keepAlive = loop.scheduleAtFixedRate(this::sendKeepAlive, interval, interval, TimeUnit.NANOSECONDS);
    }

    /** RequestSystemStatus as keep-alive (ECMA-269 12.2.28); no answer in time resets the link. */
    private void sendKeepAlive() {
        Channel probed = channel;
        CompletableFuture<CstaResult> answer = new CompletableFuture<>();
        send(new CstaRequest.RequestSystemStatus(), answer);
        answer.whenComplete((result, failure) -> {
            if (failure instanceof CstaRequestException e && e.outcome() == Outcome.TIMEOUT) {
                probed.close();
            }
        });
    }

    /** The connection closed or never opened: fail what is pending and reconnect later. */
    void connectionLost() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
            keepAlive = null;
        }
        if (sessionTimeout != null) {
            sessionTimeout.cancel(false);
        }
        for (PendingRequests.Pending request : pending.drain()) {
            fail(request, new CstaRequestException(Outcome.LINK_DOWN, "connection lost", null));
        }
        setState(LinkState.DOWN);
        if (!stopped) {
            metrics.reconnect();
            loop.schedule(this::reconnect, backoff.next().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void reconnect() {
        if (!stopped) {
            connect();
        }
    }

    /** One decoded message from the PBX. */
    void received(Channel ch, CstaMessage message, String namespace, int ignoredElements) {
        if (namespace != null && encoder != null) {
            encoder.useNamespace(namespace);
        }
        metrics.ignored(ignoredElements);
        if (message instanceof CstaMessage.EventReport report) {
            metrics.event(report.event().type());
            router.dispatch(report);
        } else if (message instanceof CstaMessage.Result result) {
            complete(result.invokeId(), result.result(), null);
        } else if (message instanceof CstaMessage.Error error) {
            if (error.error().equals(CstaError.OVERALL_MONITOR_LIMIT_EXCEEDED)) {
                metrics.monitorLimit();
            }
            complete(error.invokeId(), null, CstaRequestException.error(error.error()));
        } else if (message instanceof CstaMessage.Reject reject) {
            complete(reject.invokeId(), null, CstaRequestException.reject(reject.problem()));
        } else if (message instanceof CstaMessage.Invoke invoke) {
            answer(ch, invoke);
        } else if (message instanceof CstaMessage.Unrecognized unrecognized) {
            metrics.unrecognized();
            if (unrecognized.invoke()) {
                refuse(ch, unrecognized.invokeId());
            }
        } else if (message instanceof CstaMessage.AssociationResponse response) {
            if (response.accepted()) {
                sessionOpen();
            } else {
                ch.close();
            }
        }
    }

    /** Requests from the PBX: the gateway serves only the keep-alive services (ECMA-269 12.2.28/29). */
    private void answer(Channel ch, CstaMessage.Invoke invoke) {
        CstaRequest request = invoke.request();
        if (request instanceof CstaRequest.SystemStatus) {
            ch.writeAndFlush(new CstaMessage.Result(invoke.invokeId(),
                    new CstaResult.Acknowledgement(request.operation())));
        } else if (request instanceof CstaRequest.RequestSystemStatus) {
            ch.writeAndFlush(new CstaMessage.Result(invoke.invokeId(),
                    new CstaResult.RequestSystemStatusResult(SystemState.NORMAL)));
        } else {
            refuse(ch, invoke.invokeId());
        }
    }

    /** BER answers an unknown invoke with a ROSE reject (X.880); ECMA-323 has none, so a CSTA error. */
    private void refuse(Channel ch, int invokeId) {
        if (settings.encoding() == CstaEncoding.BER) {
            ch.writeAndFlush(new CstaMessage.Reject(invokeId, RejectProblem.UNRECOGNIZED_OPERATION));
        } else {
            ch.writeAndFlush(new CstaMessage.Error(invokeId, SERVICE_NOT_SUPPORTED));
        }
    }

    /**
     * A frame that could not be decoded resets the connection, whether its framing broke or only
     * its content: the link's view of calls may have missed something, and the reconnect resyncs
     * the monitors with snapshots. Messages that decode but are not understood do not reset.
     */
    void undecodable(Channel ch, String reason) {
        metrics.decodeFailure(reason);
        ch.close();
    }

    private void complete(int invokeId, CstaResult result, CstaRequestException failure) {
        PendingRequests.Pending request = pending.remove(invokeId);
        if (request == null) {
            metrics.unrecognized();
            return;
        }
        request.timeout().cancel(false);
        if (failure == null) {
            metrics.request(request.operation(), "success", System.nanoTime() - request.startNanos());
            request.future().complete(result);
        } else {
            fail(request, failure);
        }
    }

    private void fail(PendingRequests.Pending request, CstaRequestException failure) {
        if (request.timeout() != null) {
            request.timeout().cancel(false);
        }
        metrics.request(request.operation(), failure.outcome().name().toLowerCase(Locale.ROOT),
                System.nanoTime() - request.startNanos());
        request.future().completeExceptionally(failure);
    }

    private void setState(LinkState next) {
        if (state == next) {
            return;
        }
        state = next;
        metrics.state(next);
        for (Consumer<LinkState> listener : stateListeners) {
            listener.accept(next);
        }
    }
}
