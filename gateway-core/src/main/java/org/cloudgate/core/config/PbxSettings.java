package org.cloudgate.core.config;

/**
 * The PBX the gateway serves: its SIP address and the credentials the gateway presents to it.
 * An empty host means no PBX is configured yet.
 *
 * @param host      vendor field "IP address / host name"
 * @param port      vendor field "Port"
 * @param transport vendor field "Transport protocols"
 * @param username  vendor field "User name"; required once a host is set
 * @param password  vendor field "Password"; required once a host is set, never logged
 */
public record PbxSettings(String host, int port, PbxTransport transport, String username, String password) {

    static PbxSettings read(SettingsReader r) {
        String host = r.hostOrAddress("cloudgate.pbx.host");
        int port = r.port("cloudgate.pbx.port", false);
        PbxTransport transport = r.enumValue("cloudgate.pbx.transport", PbxTransport.class);
        if (host.isEmpty()) {
            return new PbxSettings(host, port, transport,
                    r.optionalString("cloudgate.pbx.username").orElse(""),
                    r.optionalString("cloudgate.pbx.password").orElse(""));
        }
        String why = "the PBX credentials are needed once cloudgate.pbx.host is set";
        return new PbxSettings(host, port, transport,
                r.requiredString("cloudgate.pbx.username", why), r.requiredString("cloudgate.pbx.password", why));
    }

    public boolean configured() {
        return !host.isEmpty();
    }

    @Override
    public String toString() {
        return "PbxSettings[host=" + host + ", port=" + port + ", transport=" + transport
                + ", username=" + username + ", password=<redacted>]";
    }
}
