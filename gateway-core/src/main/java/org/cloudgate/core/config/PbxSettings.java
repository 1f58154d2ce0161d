package org.cloudgate.core.config;

import java.time.Duration;

/**
 * The PBX the gateway serves: its SIP address and the credentials the gateway presents to it.
 * An empty host means no PBX is configured yet.
 *
 * @param host      vendor field "IP address / host name"
 * @param port      vendor field "Port"
 * @param transport vendor field "Transport protocols"
 * @param username  vendor field "User name"; required once a host is set
 * @param password  vendor field "Password"; required once a host is set, never logged
 * @param keepAlive vendor field "Enable keep alive": OPTIONS probes of the PBX, CRLF pings over TCP
 */
public record PbxSettings(String host, int port, PbxTransport transport, String username, String password,
                          KeepAlive keepAlive) {

    /**
     * Probes toward the PBX (OPTIONS; over TCP, CRLF pings of RFC 5626): every {@code interval};
     * after {@code failures} probes in a row without an answer (or with 503, or without pong),
     * the PBX link counts as down.
     */
    public record KeepAlive(boolean enabled, Duration interval, int failures) {
    }

    static PbxSettings read(SettingsReader r) {
        String host = r.hostOrAddress("cloudgate.pbx.host");
        int port = r.port("cloudgate.pbx.port", false);
        PbxTransport transport = r.enumValue("cloudgate.pbx.transport", PbxTransport.class);
        KeepAlive keepAlive = new KeepAlive(r.bool("cloudgate.pbx.keep-alive.enabled"),
                r.duration("cloudgate.pbx.keep-alive.interval", Duration.ofSeconds(1), Duration.ofHours(1)),
                (int) r.integer("cloudgate.pbx.keep-alive.failures", 1, 100));
        if (host.isEmpty()) {
            return new PbxSettings(host, port, transport,
                    r.optionalString("cloudgate.pbx.username").orElse(""),
                    r.optionalString("cloudgate.pbx.password").orElse(""), keepAlive);
        }
        String why = "the PBX credentials are needed once cloudgate.pbx.host is set";
        return new PbxSettings(host, port, transport,
                r.requiredString("cloudgate.pbx.username", why), r.requiredString("cloudgate.pbx.password", why),
                keepAlive);
    }

    public boolean configured() {
        return !host.isEmpty();
    }

    @Override
    public String toString() {
        return "PbxSettings[host=" + host + ", port=" + port + ", transport=" + transport
                + ", username=" + username + ", password=<redacted>, keepAlive=" + keepAlive + "]";
    }
}
