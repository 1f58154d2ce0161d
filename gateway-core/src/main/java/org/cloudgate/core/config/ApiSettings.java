package org.cloudgate.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The northbound HTTP API ({@code cloudgate.api}): where it listens, whether over TLS, and the
 * bearer tokens that may use it. Off by default; when on, at least one token is required, as
 * the API answers nothing without one.
 *
 * @param certificate PEM certificate chain for TLS, empty for plain HTTP
 * @param key         PEM PKCS#8 private key for TLS, with {@code certificate}
 * @param maxBody     largest request body in octets; a larger one gets 413
 */
public record ApiSettings(boolean enabled, String bind, int port, Optional<Path> certificate, Optional<Path> key,
                         int maxBody, List<ApiTokenSettings> tokens) {

    static ApiSettings read(SettingsReader r) {
        boolean enabled = r.bool("cloudgate.api.enabled");
        String bind = r.ipAddress("cloudgate.api.bind");
        int port = r.port("cloudgate.api.port", true);
        int maxBody = (int) r.memorySize("cloudgate.api.max-body", 1024, 1024 * 1024);
        boolean tls = r.bool("cloudgate.api.tls.enabled");
        Optional<Path> certificate = Optional.empty();
        Optional<Path> key = Optional.empty();
        if (tls) {
            certificate = Optional.of(r.readableFile("cloudgate.api.tls.certificate", "cloudgate.api.tls.enabled"));
            key = Optional.of(r.readableFile("cloudgate.api.tls.key", "cloudgate.api.tls.enabled"));
        } else {
            r.string("cloudgate.api.tls.certificate");
            r.string("cloudgate.api.tls.key");
        }
        List<ApiTokenSettings> tokens = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        List<SettingsReader> elements = r.objects("cloudgate.api.tokens", ApiTokenSettings.KEYS);
        for (int i = 0; i < elements.size(); i++) {
            ApiTokenSettings token = ApiTokenSettings.read(elements.get(i));
            Integer first = names.putIfAbsent(token.name(), i);
            if (first != null && !token.name().isEmpty()) {
                elements.get(i).reject("name", "token name " + token.name()
                        + " is already used by cloudgate.api.tokens[" + first + "]");
            }
            tokens.add(token);
        }
        if (enabled && elements.isEmpty()) {
            r.reject("cloudgate.api.tokens", "the API is enabled but has no token: every request would get 401");
        }
        return new ApiSettings(enabled, bind, port, certificate, key, maxBody, List.copyOf(tokens));
    }

    public boolean tls() {
        return certificate.isPresent();
    }
}
