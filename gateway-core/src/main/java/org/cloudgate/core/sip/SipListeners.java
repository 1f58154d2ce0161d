package org.cloudgate.core.sip;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import org.cloudgate.core.calls.CallThroughAnnouncements;
import org.cloudgate.core.calls.GatewayCallRouter;
import org.cloudgate.core.calls.GsmPreferences;
import org.cloudgate.core.config.CallSettings;
import org.cloudgate.core.config.GatewaySettings;
import org.cloudgate.core.config.PbxSettings;
import org.cloudgate.core.config.RegistrarSettings;
import org.cloudgate.core.config.SettingsSource;
import org.cloudgate.core.config.SipSettings;
import org.cloudgate.core.directory.UserDirectory;
import org.cloudgate.core.lifecycle.Component;
import org.cloudgate.core.lifecycle.ListenerBindException;
import org.cloudgate.core.lifecycle.Readiness;
import org.cloudgate.core.media.CallMediaSource;
import org.cloudgate.core.transport.EventLoops;
import org.cloudgate.sip.auth.DigestAuthenticator;
import org.cloudgate.sip.b2bua.B2bua;
import org.cloudgate.sip.b2bua.B2buaSettings;
import org.cloudgate.sip.b2bua.CallMetrics;
import org.cloudgate.sip.registration.Registrar;
import org.cloudgate.sip.registration.RegistrarMetrics;
import org.cloudgate.sip.trace.SipTrace;
import org.cloudgate.sip.transport.LoopStack;
import org.cloudgate.sip.transport.SipChannels;
import org.cloudgate.sip.transport.SipListenerException;
import org.cloudgate.sip.transport.SipStack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
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

    private static final Logger log = LoggerFactory.getLogger(SipListeners.class);
    static final String NAME = "sip";
    private static final long DRAIN_POLL_MILLIS = 100;
    private static final long HANG_UP_GRACE_MILLIS = 1000;

    private final SipSettings settings;
    private final SettingsSource source;
    private final EventLoops loops;
    private final GatewayUserAgent user;
    private final MeterRegistry registry;
    private final Readiness readiness;
    private final RegistrarSettings registrarSettings;
    private final PbxSettings pbx;
    private final UserDirectory directory;
    private final CallSettings calls;
    private final CallThroughAnnouncements announcements;
    private final GsmPreferences gsmPreferences;
    private final SipTrace trace;
    private final CallMediaSource media;
    private SipStack stack;
    private B2bua b2bua;
    private Registrar registrar;
    private PbxTerminals terminals;
    private PbxKeepAlive keepAlive;

    /**
     * @param trace the SIP trace every listener's pipeline feeds; the daemon applies its settings
     * @param media gives each call its media (relay, codec filter or pass-through)
     * @param gsmPreferences each user's run-time "use GSM" choice, which the call router follows
     */
    public SipListeners(GatewaySettings gateway, EventLoops loops, GatewayUserAgent user, UserDirectory directory,
                        SipTrace trace, CallMediaSource media, GsmPreferences gsmPreferences, MeterRegistry registry,
                        Readiness readiness) {
        this.settings = gateway.sip();
        this.source = gateway.source();
        this.registrarSettings = gateway.registrar();
        this.pbx = gateway.pbx();
        this.calls = gateway.calls();
        this.announcements = new CallThroughAnnouncements(calls.callThroughValidity(), System::nanoTime);
        this.gsmPreferences = gsmPreferences;
        this.loops = loops;
        this.user = user;
        this.directory = directory;
        this.trace = trace;
        this.media = media;
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
            stack = SipStack.start(settings.stack(), channels, user, registry, trace);
        } catch (SipListenerException e) {
            String key = SipSettings.portKey(e.transport());
            readiness.report(NAME, false, e.getMessage());
            throw new ListenerBindException("SIP over " + e.transport(),
                    e.address().getHostString() + ":" + e.address().getPort(), key, source.locate(key), e.getCause());
        }
        startRegistrar();
        readiness.report(NAME, true, String.join(" ", stack.listening()));
    }

    /** The registrar and the PBX terminals live on the first loop; requests of others hop there. */
    private void startRegistrar() {
        LoopStack first = stack.loops().get(0);
        EventLoop loop = first.layer().loop();
        InetSocketAddress pbxAddress = resolvePbx();
        String advertised = advertisedHost();
        terminals = new PbxTerminals(pbx, pbxAddress, first, advertised, directory, registry);
        if (pbxAddress != null && pbx.keepAlive().enabled()) {
            keepAlive = new PbxKeepAlive(pbx, pbxAddress, first, advertised, registry, readiness);
            keepAlive.start();
        }
        DigestAuthenticator authenticator = new DigestAuthenticator(registrarSettings.digest(), directory,
                () -> TimeUnit.NANOSECONDS.toMillis(loop.ticker().nanoTime()));
        RegistrarMetrics registrarMetrics = new RegistrarMetrics(registry);
        // The directory follows which users have a client registered ("terminal not registered").
        registrar = new Registrar(loop, registrarSettings.bindings(), authenticator, terminals.andThen(directory),
                registrarMetrics, registrarSettings.throttle());
        Registrar bindings = registrar;
        // A user who left the directory or lost its licence loses its registrations, and so its terminal.
        directory.addListener(change -> change.unlicensed().forEach(bindings::unbind));
        CallMetrics callMetrics = new CallMetrics(registry);
        GatewayCallRouter router = new GatewayCallRouter(calls, pbx, pbxAddress, PbxTerminals.policy(pbx.transport()),
                advertised, registrarSettings.digest(), directory, registrar, announcements, gsmPreferences,
                callMetrics::active,
                registrarMetrics, media, registry);
        b2bua = new B2bua(stack, new B2buaSettings(advertised, calls.ringTimeout(), calls.maxDuration(),
                calls.sessionRefresh(), calls.sessionReplacement()), router,
                callMetrics);
        user.serve(registrar, b2bua);
    }

    /** Destinations announced for call-through dial-in. */
    public CallThroughAnnouncements announcements() {
        return announcements;
    }

    private InetSocketAddress resolvePbx() {
        if (!pbx.configured()) {
            return null;
        }
        InetSocketAddress address = new InetSocketAddress(pbx.host(), pbx.port());
        if (address.isUnresolved()) {
            log.error("cannot resolve the PBX host {} (cloudgate.pbx.host, {}): terminals are not registered "
                    + "toward the PBX", pbx.host(), source.locate("cloudgate.pbx.host"));
            return null;
        }
        return address;
    }

    /**
     * The address the PBX reaches the gateway at: the configured one, else the bind address, else
     * this host's when bound to all.
     */
    private String advertisedHost() {
        if (!settings.advertisedHost().isEmpty()) {
            String host = settings.advertisedHost();
            return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        }
        String bind = settings.stack().bindAddress();
        if (!"0.0.0.0".equals(bind) && !"::".equals(bind)) {
            return bind.indexOf(':') >= 0 ? "[" + bind + "]" : bind;
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    @Override
    public List<String> listening() {
        return stack == null ? List.of() : stack.listening();
    }

    /**
     * New requests get 503 and the terminals are unregistered from the PBX; calls already up go
     * on. Completes when no call and no transaction is left on any loop.
     */
    @Override
    public CompletableFuture<Void> drain() {
        user.drain();
        if (keepAlive != null) {
            keepAlive.stop();
        }
        if (terminals != null) {
            terminals.stopAll();
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cloudgate-sip-drain");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            if (b2bua.activeCalls() == 0 && activeTransactions() == 0) {
                drained.complete(null);
            }
        }, 0, DRAIN_POLL_MILLIS, TimeUnit.MILLISECONDS);
        drained.whenComplete((ok, e) -> poller.shutdownNow());
        return drained;
    }

    /** Gives the BYEs of the last calls a moment to leave and be answered. */
    private void waitForTransactions(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (activeTransactions() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(DRAIN_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
        if (b2bua != null && b2bua.activeCalls() > 0) {
            log.info("hanging up {} calls still up", b2bua.activeCalls());
            b2bua.hangUpAll("gateway shutting down").orTimeout(1, TimeUnit.SECONDS).exceptionally(e -> null).join();
            waitForTransactions(HANG_UP_GRACE_MILLIS);
        }
        if (registrar != null) {
            stack.loops().get(0).layer().loop().submit(registrar::stop).awaitUninterruptibly(1000);
        }
        if (stack != null) {
            stack.close();
            readiness.report(NAME, false, "closed");
        }
    }
}
