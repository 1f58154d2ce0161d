package org.cloudgate.core.lifecycle;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.cloudgate.core.admin.AdminHttpServer;
import org.cloudgate.core.api.ApiContext;
import org.cloudgate.core.api.ApiRoutes;
import org.cloudgate.core.api.http.ApiHttpServer;
import org.cloudgate.core.api.http.ApiMetrics;
import org.cloudgate.core.calls.GsmPreferences;
import org.cloudgate.core.config.DirectorySource;
import org.cloudgate.core.config.GatewaySettings;
import org.cloudgate.core.csta.CstaConnection;
import org.cloudgate.core.directory.UserDirectory;
import org.cloudgate.core.directory.ldap.DirectorySync;
import org.cloudgate.core.events.CallEventFeed;
import org.cloudgate.core.events.EventJournal;
import org.cloudgate.core.events.EventStreamEndpoint;
import org.cloudgate.core.events.OnboardingFeed;
import org.cloudgate.core.media.MediaRelayService;
import org.cloudgate.core.metrics.GatewayMetrics;
import org.cloudgate.core.sip.GatewayUserAgent;
import org.cloudgate.core.sip.SipListeners;
import org.cloudgate.core.transport.EventLoops;
import org.cloudgate.sip.trace.SipTrace;
import org.cloudgate.sip.transport.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running gateway: wires the components from frozen settings, starts them in order, logs one
 * "ready" line with every bound address, applies live settings on reload, and on shutdown drains
 * for at most the configured time before it stops everything in reverse order.
 */
public final class Daemon {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    private static final Duration EVENT_LOOP_SHUTDOWN = Duration.ofSeconds(2);

    private final String version;
    private final GatewayMetrics metrics;
    private final Readiness readiness;
    private final ServiceState service;
    private final UserDirectory directory;
    private final DirectorySync directorySync;
    private final SipTrace trace;
    private final GsmPreferences gsmPreferences = new GsmPreferences();
    private final EventStreamEndpoint events;
    private final List<Component> started = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile GatewaySettings settings;
    private EventLoops loops;
    private volatile CstaConnection csta;

    public Daemon(GatewaySettings settings, String version) {
        this.settings = settings;
        this.version = version;
        this.metrics = new GatewayMetrics(version);
        this.readiness = new Readiness(metrics.registry());
        this.service = new ServiceState(settings.service().enabled(), metrics.registry());
        this.directory = new UserDirectory(settings.directory(), metrics.registry());
        this.directorySync = new DirectorySync(settings.directory(), directory, metrics.registry(), readiness);
        this.trace = new SipTrace(metrics.registry());
        this.events = new EventStreamEndpoint(new EventJournal(settings.events().journalSize(),
                settings.events().maxAge(), Clock.systemUTC(), metrics.registry()), settings.events(),
                metrics.registry());
        directory.addListener(new OnboardingFeed(events.journal()).following(directory));
    }

    public GatewaySettings settings() {
        return settings;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Where components report whether they can work; served on {@code /health/ready}. */
    public Readiness readiness() {
        return readiness;
    }

    /** The presence and call event stream, which the northbound API serves on {@code /api/v1/events}. */
    public EventStreamEndpoint events() {
        return events;
    }

    /** What the started components listen on, e.g. "admin-http http://127.0.0.1:9090". */
    public List<String> listening() {
        List<String> listening = new ArrayList<>();
        for (Component component : started) {
            for (String address : component.listening()) {
                listening.add(component.name() + " " + address);
            }
        }
        return listening;
    }

    /**
     * Starts every component in order. If one fails, those already started are stopped again and
     * the failure is rethrown.
     */
    public void start() throws Exception {
        readiness.report("lifecycle", false, "starting");
        loops = EventLoops.start(settings.eventLoops());
        metrics.bindEventLoops(loops.group());
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider allocator) {
            metrics.bindAllocator(allocator);
        }
        metrics.bindAllocator(SipStack.UDP_ALLOCATOR);

        GatewayUserAgent userAgent = new GatewayUserAgent(service,
                HeapPressure.of(settings.service().overloadHeapPercent(), metrics.registry()),
                RetransmissionPressure.of(settings.service().overloadRetransmittedInvitesPercent(), metrics.registry()),
                metrics.registry());
        trace.apply(settings.sip().trace());
        MediaRelayService media = new MediaRelayService(settings.media(), settings.sip(), loops, trace,
                metrics.registry(), readiness);
        SipListeners sip = new SipListeners(settings, loops, userAgent, directory, trace, media, gsmPreferences,
                metrics.registry(), readiness);
        List<Component> components = new ArrayList<>(List.of(
                directorySync,
                new AdminHttpServer(settings.admin(), settings.source().locate("cloudgate.admin.port"), loops,
                        metrics, readiness),
                media,
                sip));
        if (settings.csta().enabled()) {
            csta = new CstaConnection(settings.csta(), loops, directory, metrics.registry(), readiness);
            csta.calls().addListener(new CallEventFeed(events.journal()));
            components.add(csta);
            CstaConnection monitoring = csta;
            directory.addListener(change -> monitoring.follow(directory.users()));
        }
        if (settings.api().enabled()) {
            ApiContext api = new ApiContext(directory, csta, gsmPreferences, sip.announcements(), settings.calls());
            components.add(new ApiHttpServer(settings.api(), settings.source().locate("cloudgate.api.port"), loops,
                    ApiRoutes.router(api), new ApiMetrics(metrics.registry()), readiness, events::upgrade));
        }
        components.add(events);
        try {
            for (Component component : components) {
                component.start();
                started.add(component);
            }
        } catch (Exception e) {
            stopComponents();
            trace.close();
            loops.shutdown(EVENT_LOOP_SHUTDOWN);
            metrics.close();
            stopped.countDown();
            throw e;
        }
        readiness.report("lifecycle", true, "running");
        describeStart();
    }

    private void describeStart() {
        if (!settings.pbx().configured()) {
            log.warn("no PBX is configured (cloudgate.pbx.host is empty in {}): the gateway runs, but carries "
                    + "no calls until a PBX is set", settings.source().file());
        }
        if (settings.api().enabled() && !settings.api().tls() && !isLoopback(settings.api().bind())) {
            log.warn("the API listens on {} without TLS (cloudgate.api.tls.enabled = false): bearer tokens cross "
                    + "the network in clear", settings.api().bind());
        }
        if (!service.enabled()) {
            log.warn("the service is disabled (cloudgate.service.enabled = false): calls and registrations "
                    + "are refused with 503");
        }
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        log.info("cloudgate {} ready in {} ms (event loops: {} {}): {}", version, sinceJvmStart,
                settings.eventLoops().effectiveThreads(), loops.kind(), String.join(", ", listening()));
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || "::1".equals(address);
    }

    /** Applies a validated reload: the live settings take effect now, the rest stays as started. */
    void apply(GatewaySettings loaded) {
        GatewaySettings next = LiveSettings.merge(settings, loaded);
        // An LDAP directory is read again on every reload, changed or not.
        boolean reloadUsers = !next.directory().equals(settings.directory())
                || next.directory().source() == DirectorySource.LDAP;
        settings = next;
        service.set(next.service().enabled());
        trace.apply(next.sip().trace());
        if (reloadUsers) {
            directorySync.apply(next.directory());
        }
    }

    /**
     * Stops taking new work, waits for work in progress for at most the drain time, then stops
     * every component in reverse order. Safe to call more than once and from any thread.
     */
    public void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        Duration drainTimeout = settings.lifecycle().drainTimeout();
        log.info("stopping: draining for at most {} s", drainTimeout.toMillis() / 1000.0);
        readiness.report("lifecycle", false, "draining");
        drain(drainTimeout);
        stopComponents();
        trace.close();
        loops.shutdown(EVENT_LOOP_SHUTDOWN);
        metrics.close();
        log.info("stopped");
        stopped.countDown();
    }

    private void drain(Duration timeout) {
        List<CompletableFuture<Void>> drains = new ArrayList<>();
        for (Component component : started) {
            drains.add(component.drain());
        }
        try {
            CompletableFuture.allOf(drains.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("drain time of {} ms is over with work still in progress; stopping anyway", timeout.toMillis());
        } catch (ExecutionException e) {
            log.warn("draining failed: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopComponents() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Component component = started.get(i);
            try {
                component.stop();
            } catch (RuntimeException e) {
                log.warn("stopping {} failed: {}", component.name(), e.toString());
            }
        }
        started.clear();
    }

    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
