package org.cloudgate.core.config;

/**
 * Every setting of the daemon, read once, validated, and immutable. A reload builds a new
 * instance; components take from it what they can apply while running.
 */
public record GatewaySettings(ServiceSettings service, PbxSettings pbx, SipSettings sip, RegistrarSettings registrar,
                              DirectorySettings directory, AdminSettings admin, LifecycleSettings lifecycle,
                              EventLoopSettings eventLoops, SettingsSource source) {

    static GatewaySettings read(SettingsReader r, SettingsSource source) {
        return new GatewaySettings(ServiceSettings.read(r), PbxSettings.read(r), SipSettings.read(r),
                RegistrarSettings.read(r), DirectorySettings.read(r), AdminSettings.read(r), LifecycleSettings.read(r),
                EventLoopSettings.read(r), source);
    }
}
