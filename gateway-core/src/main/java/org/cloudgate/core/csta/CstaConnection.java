package org.cloudgate.core.csta;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.cloudgate.core.config.CstaSettings;
import org.cloudgate.core.directory.DirectoryUser;
import org.cloudgate.core.directory.UserDirectory;
import org.cloudgate.core.lifecycle.Component;
import org.cloudgate.core.lifecycle.Readiness;
import org.cloudgate.core.transport.EventLoops;
import org.cloudgate.csta.calls.CallStateListener;
import org.cloudgate.csta.calls.CallStates;
import org.cloudgate.csta.calls.Presence;
import org.cloudgate.csta.control.CallControl;
import org.cloudgate.csta.link.CstaLink;
import org.cloudgate.csta.link.CstaLinkSettings;
import org.cloudgate.csta.link.DeviceMonitors;
import org.cloudgate.csta.link.LinkState;
import org.cloudgate.csta.monitor.EventRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The daemon's CSTA link to the PBX: connects (and reconnects) in the background, monitors the
 * device of every onboarded user, and reports to readiness whether the link is up and how many
 * devices the PBX refuses for lack of CSTA licences. Each user's calls and presence follow the
 * device's events and are rebuilt by a snapshot after each reconnect; {@code cloudgate.csta.presence}
 * counts users per presence state, and changes are logged at debug level.
 */
public final class CstaConnection implements Component {

    static final String NAME = "csta";
    private static final Logger log = LoggerFactory.getLogger(CstaConnection.class);

    private final CstaLinkSettings settings;
    private final CstaLink link;
    private final DeviceMonitors monitors;
    private final CallStates calls;
    private final CallControl control;
    private final Set<String> monitored = new HashSet<>();

    public CstaConnection(CstaSettings csta, EventLoops loops, UserDirectory directory, MeterRegistry registry,
                          Readiness readiness) {
        this.settings = csta.link();
        EventRouter router = new EventRouter();
        this.link = new CstaLink(settings, loops.group(), loops.socketChannel(), router, registry);
        this.monitors = new DeviceMonitors(link, router, registry, csta.monitorRetry());
        this.control = new CallControl(link);
        this.calls = new CallStates(monitors, control);
        calls.addListener(new PresenceTrace());
        for (Presence presence : Presence.values()) {
            Gauge.builder("cloudgate.csta.presence", calls, states -> states.count(presence))
                    .description("Monitored users by presence derived from their CSTA call state")
                    .tag("state", presence.label())
                    .register(registry);
        }
        readiness.track(NAME, this::check);
        follow(directory.users());
    }

    private Readiness.Check check() {
        LinkState state = link.state();
        String detail = "link " + state.name().toLowerCase(Locale.ROOT) + " to " + settings.host() + ":"
                + settings.port() + " (" + settings.encoding().name().toLowerCase(Locale.ROOT) + "), "
                + monitors.activeCount() + " devices monitored";
        int refused = monitors.refusedCount();
        if (refused > 0) {
            detail += ", " + refused + " refused by the PBX's monitor limit (too few CSTA licences)";
        }
        return new Readiness.Check(NAME, state == LinkState.UP, detail);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Connects in the background: a PBX that is not there yet does not stop the daemon. */
    @Override
    public void start() {
        link.addStateListener(state -> log.info("CSTA link to {}:{} is {}", settings.host(), settings.port(),
                state.name().toLowerCase(Locale.ROOT)));
        link.start();
    }

    /** Monitors exactly the onboarded users of {@code users}: new ones added, departed ones removed. */
    public synchronized void follow(List<DirectoryUser> users) {
        Set<String> wanted = new HashSet<>();
        for (DirectoryUser user : users) {
            if (user.onboarded()) {
                wanted.add(user.extension());
            }
        }
        for (String device : Set.copyOf(monitored)) {
            if (!wanted.contains(device)) {
                calls.forget(device);
                monitored.remove(device);
            }
        }
        for (String device : wanted) {
            if (monitored.add(device)) {
                calls.monitor(device);
            }
        }
    }

    /** The call state and presence of every monitored user, for the northbound API. */
    public CallStates calls() {
        return calls;
    }

    /** Call control and logical-device requests toward the PBX, for the northbound API. */
    public CallControl control() {
        return control;
    }

    /** Whether the link to the PBX's CSTA service is up now. */
    public boolean linkUp() {
        return link.state() == LinkState.UP;
    }

    @Override
    public CompletableFuture<Void> drain() {
        return link.stop();
    }

    @Override
    public void stop() {
        link.stop();
    }

    /** Logs each user's presence change, for an operator following a problem. */
    private static final class PresenceTrace implements CallStateListener {
        @Override
        public void presenceChanged(String device, Presence previous, Presence current) {
            log.debug("device {}: {} -> {}", device, previous.label(), current.label());
        }
    }
}
