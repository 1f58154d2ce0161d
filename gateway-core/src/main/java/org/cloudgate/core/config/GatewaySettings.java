package org.cloudgate.core.config;

/**
 * Every setting of the daemon, read once, validated, and immutable. A reload builds a new
 * instance; components take from it what they can apply while running.
 */
public record GatewaySettings(ServiceSettings service, PbxSettings pbx, SipSettings sip, CallSettings calls,
                              MediaSettings media,
                              RegistrarSettings registrar,
                              CstaSettings csta, DirectorySettings directory, AdminSettings admin, ApiSettings api,
                              LifecycleSettings lifecycle, EventLoopSettings eventLoops, SettingsSource source,
                              EventStreamSettings events) {

    static GatewaySettings read(SettingsReader r, SettingsSource source) {
        PbxSettings pbx = PbxSettings.read(r);
        return new GatewaySettings(ServiceSettings.read(r), pbx, SipSettings.read(r), CallSettings.read(r),
                MediaSettings.read(r),
                RegistrarSettings.read(r),
                CstaSettings.read(r, pbx), DirectorySettings.read(r, pbx), AdminSettings.read(r), ApiSettings.read(r),
                LifecycleSettings.read(r),
                EventLoopSettings.read(r), source,
                EventStreamSettings.read(r));
    }
}
