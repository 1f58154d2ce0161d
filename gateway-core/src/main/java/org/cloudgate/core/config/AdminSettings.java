package org.cloudgate.core.config;

/**
 * The admin HTTP listener that serves {@code /metrics} and {@code /health}. It binds to
 * loopback by default: metrics reveal traffic patterns and should not face the network
 * unless the operator decides so.
 *
 * @param bind IPv4 or IPv6 address to listen on
 * @param port TCP port; 0 picks a free port (reported in the ready line)
 */
public record AdminSettings(String bind, int port) {

    static AdminSettings read(SettingsReader r) {
        return new AdminSettings(r.ipAddress("cloudgate.admin.bind"), r.port("cloudgate.admin.port", true));
    }
}
