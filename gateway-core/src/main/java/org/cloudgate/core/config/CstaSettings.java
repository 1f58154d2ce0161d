package org.cloudgate.core.config;

import org.cloudgate.csta.link.CstaEncoding;
import org.cloudgate.csta.link.CstaLinkSettings;
import org.cloudgate.csta.xml.XmlNamespaces;

import java.time.Duration;

/**
 * The CSTA link to the PBX ({@code cloudgate.csta}), read into the link's own settings.
 *
 * @param link          the link, or {@code null} when CSTA is off
 * @param monitorRetry  how long a device refused by the monitor limit waits before the next try
 */
public record CstaSettings(CstaLinkSettings link, Duration monitorRetry) {

    static CstaSettings read(SettingsReader r, PbxSettings pbx) {
        boolean enabled = r.bool("cloudgate.csta.enabled");
        String host = r.hostOrAddress("cloudgate.csta.host");
        int port = r.port("cloudgate.csta.port", false);
        CstaEncoding encoding = r.enumValue("cloudgate.csta.encoding", CstaEncoding.class);
        Duration timeout = r.duration("cloudgate.csta.request-timeout", Duration.ofMillis(100), Duration.ofMinutes(5));
        Duration keepAlive = r.duration("cloudgate.csta.keep-alive", Duration.ofSeconds(1), Duration.ofHours(1));
        Duration reconnectMin = r.duration("cloudgate.csta.reconnect-min", Duration.ofMillis(100), Duration.ofMinutes(5));
        Duration reconnectMax = r.duration("cloudgate.csta.reconnect-max", Duration.ofMillis(100), Duration.ofHours(1));
        int maxFrame = (int) r.integer("cloudgate.csta.max-frame", 1024, 1_048_576);
        Duration retry = r.duration("cloudgate.csta.monitor-retry", Duration.ofSeconds(1), Duration.ofHours(24));
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            r.reject("cloudgate.csta.reconnect-max", "must not be shorter than cloudgate.csta.reconnect-min");
            reconnectMax = reconnectMin;
        }
        if (!enabled) {
            return new CstaSettings(null, retry);
        }
        String target = host.isEmpty() ? pbx.host() : host;
        if (target.isEmpty()) {
            r.reject("cloudgate.csta.host", "CSTA is enabled but neither cloudgate.csta.host nor cloudgate.pbx.host is set");
            return new CstaSettings(null, retry);
        }
        return new CstaSettings(new CstaLinkSettings(target, port, encoding, pbx.username(), pbx.password(),
                XmlNamespaces.ED5, timeout, keepAlive, reconnectMin, reconnectMax, maxFrame), retry);
    }

    public boolean enabled() {
        return link != null;
    }
}
