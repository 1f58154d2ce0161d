package org.cloudgate.core.lifecycle;

import org.cloudgate.core.config.GatewaySettings;

import java.util.Set;

/**
 * Which settings a reload applies to the running daemon. Everything else (addresses, ports,
 * thread counts, the PBX link) is read at start and needs a restart to change.
 */
final class LiveSettings {

    static final Set<String> KEYS = Set.of(
            "cloudgate.service.enabled",
            "cloudgate.lifecycle.drain-timeout");
    /** Whole sections that apply live. */
    static final Set<String> SECTIONS = Set.of("cloudgate.directory.", "cloudgate.sip.trace.");

    private LiveSettings() {
    }

    static boolean isLive(String key) {
        if (KEYS.contains(key)) {
            return true;
        }
        for (String section : SECTIONS) {
            if (key.startsWith(section)) {
                return true;
            }
        }
        return false;
    }

    /** The running settings with the live ones taken from {@code loaded}. */
    static GatewaySettings merge(GatewaySettings running, GatewaySettings loaded) {
        return new GatewaySettings(loaded.service(), running.pbx(), running.sip().withTrace(loaded.sip().trace()),
                running.calls(), running.media(), running.registrar(),
                running.csta(), loaded.directory(), running.admin(), running.api(), loaded.lifecycle(), running.eventLoops(),
                running.source().withLiveValues(loaded.source(), LiveSettings::isLive), running.events());
    }
}
