package org.cloudgate.core.sip;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import org.cloudgate.core.config.SettingsSource;
import org.cloudgate.core.config.SipSettings;
import org.cloudgate.core.lifecycle.Component;
import org.cloudgate.core.lifecycle.ListenerBindException;
import org.cloudgate.core.lifecycle.Readiness;
import org.cloudgate.core.transport.EventLoops;
import org.cloudgate.sip.transport.LoopStack;
import org.cloudgate.sip.transport.SipChannels;
import org.cloudgate.sip.transport.SipListenerException;
import org.cloudgate.sip.transport.SipStack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The SIP listeners of the daemon: starts the stack on the shared event loops, reports each
 * listener to readiness, and on drain refuses new requests while the transactions in progress
 * finish.
 */
public final class SipListeners implements Component {

    static final String NAME = "sip";
    private static final long DRAIN_POLL_MILLIS = 100;

    private final SipSettings settings;
    private final SettingsSource source;
    private final EventLoops loops;
    private final GatewayUserAgent user;
    private final MeterRegistry registry;
    private final Readiness readiness;
    private SipStack stack;

    public SipListeners(SipSettings settings, SettingsSource source, EventLoops loops, GatewayUserAgent user,
                        MeterRegistry registry, Readiness readiness) {
        this.settings = settings;
        this.source = source;
        this.loops = loops;
        this.user = user;
        this.registry = registry;
        this.readiness = readiness;
        readiness.report(NAME, false, "not bound yet");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() throws ListenerBindException {
        SipChannels channels = new SipChannels(loops.group(), loops.datagramChannel(), loops.serverSocketChannel(),
                loops.socketChannel(), loops.epoll());
        try {
            stack = SipStack.start(settings.stack(), channels, user, registry);
        } catch (SipListenerException e) {
            String key = SipSettings.portKey(e.transport());
            readiness.report(NAME, false, e.getMessage());
            throw new ListenerBindException("SIP over " + e.transport(),
                    e.address().getHostString() + ":" + e.address().getPort(), key, source.locate(key), e.getCause());
        }
        readiness.report(NAME, true, String.join(" ", stack.listening()));
    }

    @Override
    public List<String> listening() {
        return stack == null ? List.of() : stack.listening();
    }

    /** New requests get 503; completes when no transaction is left on any loop. */
    @Override
    public CompletableFuture<Void> drain() {
        user.drain();
        CompletableFuture<Void> drained = new CompletableFuture<>();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cloudgate-sip-drain");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            if (activeTransactions() == 0) {
                drained.complete(null);
            }
        }, 0, DRAIN_POLL_MILLIS, TimeUnit.MILLISECONDS);
        drained.whenComplete((ok, e) -> poller.shutdownNow());
        return drained;
    }

    private int activeTransactions() {
        List<Future<Integer>> counts = new ArrayList<>();
        for (LoopStack loop : stack.loops()) {
            EventLoop eventLoop = loop.layer().loop();
            counts.add(eventLoop.submit(() -> loop.layer().size()));
        }
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.syncUninterruptibly().getNow();
        }
        return total;
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
            readiness.report(NAME, false, "closed");
        }
    }
}
