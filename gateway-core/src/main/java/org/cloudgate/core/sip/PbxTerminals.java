package org.cloudgate.core.sip;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.cloudgate.core.config.PbxSettings;
import org.cloudgate.core.config.PbxTransport;
import org.cloudgate.core.directory.UserDirectory;
import org.cloudgate.sip.auth.DigestSecret;
import org.cloudgate.sip.registration.Binding;
import org.cloudgate.sip.registration.PbxRegistration;
import org.cloudgate.sip.registration.PbxRegistrationSettings;
import org.cloudgate.sip.registration.PbxTerminal;
import org.cloudgate.sip.registration.RegistrationListener;
import org.cloudgate.sip.transport.LoopStack;
import org.cloudgate.sip.transport.SipTransport;
import org.cloudgate.sip.transport.TransportPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users' softphone terminals on the PBX: when a user's first client registers with the
 * gateway, the gateway registers the user's extension toward the PBX with the PBX credentials
 * (vendor fields "User name" and "Password") and keeps it refreshed; when the user's last client
 * is gone, it unregisters. Without a configured PBX nothing is sent.
 */
final class PbxTerminals implements RegistrationListener {

    private static final Logger log = LoggerFactory.getLogger(PbxTerminals.class);
    /** A REGISTER is small: well under the UDP limit of RFC 3261 section 18.1.1. */
    private static final int REGISTER_SIZE = 700;

    private final PbxSettings pbx;
    private final InetSocketAddress pbxAddress;
    private final LoopStack stack;
    private final String contactHost;
    private final UserDirectory directory;
    private final Map<String, PbxRegistration> registrations = new ConcurrentHashMap<>();

    /**
     * @param pbxAddress the PBX's resolved address, or {@code null} without a reachable PBX
     * @param stack      the loop the registrations run on (the registrar's)
     */
    PbxTerminals(PbxSettings pbx, InetSocketAddress pbxAddress, LoopStack stack, String contactHost,
                 UserDirectory directory, MeterRegistry registry) {
        this.pbx = pbx;
        this.pbxAddress = pbxAddress;
        this.stack = stack;
        this.contactHost = contactHost;
        this.directory = directory;
        for (PbxRegistration.State state : PbxRegistration.State.values()) {
            Gauge.builder("cloudgate.pbx.terminals", this, t -> t.count(state))
                    .description("Users' terminals the gateway registers toward the PBX, by registration state")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    private long count(PbxRegistration.State state) {
        return registrations.values().stream().filter(r -> r.status().state() == state).count();
    }

    @Override
    public void firstBinding(String user, Binding binding) {
        if (pbxAddress == null || directory.user(user) == null) {
            return;
        }
        SipTransport transport = stack.transportFor(policy(pbx.transport()), REGISTER_SIZE);
        InetSocketAddress local = transport.localAddress();
        String hostPort = pbx.port() == 5060 ? pbx.host() : pbx.host() + ":" + pbx.port();
        PbxTerminal terminal = new PbxTerminal("sip:" + user + "@" + hostPort,
                "sip:" + user + "@" + contactHost + ":" + local.getPort() + ";transport="
                        + transport.name().toLowerCase(Locale.ROOT),
                pbx.username(), DigestSecret.password(pbx.password()), pbxAddress);
        PbxRegistration registration = new PbxRegistration(stack.layer(), transport, terminal,
                PbxRegistrationSettings.DEFAULTS);
        PbxRegistration previous = registrations.put(user, registration);
        if (previous != null) {
            previous.stop();
        }
        log.info("registering the terminal of user {} toward the PBX at {}", user, pbxAddress);
        registration.start();
    }

    @Override
    public void lastBindingGone(String user) {
        PbxRegistration registration = registrations.remove(user);
        if (registration != null) {
            log.info("unregistering the terminal of user {} from the PBX", user);
            registration.stop();
        }
    }

    /** Unregisters every terminal; completes when the PBX has answered each removal. */
    CompletableFuture<Void> stopAll() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (PbxRegistration registration : registrations.values()) {
            stops.add(registration.stop());
        }
        registrations.clear();
        return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
    }

    static TransportPolicy policy(PbxTransport transport) {
        return switch (transport) {
            case UDP -> TransportPolicy.UDP;
            case TCP -> TransportPolicy.TCP;
            case UDP_OR_TCP -> TransportPolicy.UDP_OR_TCP;
        };
    }
}
