package org.cloudgate.testkit.pbx;

import org.cloudgate.sip.auth.DigestAlgorithm;
import org.cloudgate.sip.auth.DigestSettings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the simulated PBX is: where it listens, the credentials terminals register with
 * (vendor fields "User name" and "Password", one pair for every terminal, as the gateway uses
 * them), its extensions and its route to the SIP provider. Validated and frozen before the PBX
 * starts; build one with {@link #builder()}.
 *
 * @param host             the IP address the SIP listeners and the RTP echoes bind to, and the
 *                         one written into Via, Contact and SDP
 * @param port             SIP port for UDP and TCP alike; 0 takes a port free for both
 * @param realm            the digest realm (RFC 3261 section 22.1)
 * @param username         user name terminals authenticate with
 * @param password         their password
 * @param digestAlgorithms offered in this order (RFC 8760 section 2.4: SHA-256 before MD5)
 * @param extensions       the extensions, distinct numbers, none starting with the trunk prefix
 * @param trunk            the outgoing route
 */
public record PbxDescription(String host, int port, String realm, String username, String password,
                             List<DigestAlgorithm> digestAlgorithms, List<Extension> extensions, TrunkRoute trunk) {

    public PbxDescription {
        digestAlgorithms = List.copyOf(digestAlgorithms);
        extensions = List.copyOf(extensions);
        if (host == null || host.isEmpty() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("need a host and a port 0..65535: " + host + ", " + port);
        }
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("terminals need a user name and a password to register with");
        }
        new DigestSettings(realm, digestAlgorithms, DigestSettings.DEFAULT_NONCE_LIFETIME, 1);
        Set<String> numbers = new HashSet<>();
        for (Extension extension : extensions) {
            if (!numbers.add(extension.number())) {
                throw new IllegalArgumentException("extension " + extension.number() + " is listed twice");
            }
            if (trunk.routes(extension.number())) {
                throw new IllegalArgumentException("extension " + extension.number()
                        + " starts with the outgoing route prefix " + trunk.prefix());
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The extension with {@code number}, or {@code null}. */
    public Extension extension(String number) {
        for (Extension extension : extensions) {
            if (extension.number().equals(number)) {
                return extension;
            }
        }
        return null;
    }

    /** Every extension's user, in the order given. */
    public List<PbxUser> users() {
        return extensions.stream().map(Extension::user).toList();
    }

    /** Collects a description; defaults: 127.0.0.1, any port, realm {@code pbx.local}, SHA-256 and MD5, prefix 0. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String realm = "pbx.local";
        private String username = "cloudgate";
        private String password = "cloudgate";
        private List<DigestAlgorithm> algorithms = DigestSettings.RFC_8760_ORDER;
        private final List<Extension> extensions = new ArrayList<>();
        private TrunkRoute trunk = TrunkRoute.DEFAULT;

        private Builder() {
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder realm(String value) {
            realm = value;
            return this;
        }

        /** The credentials terminals register with. */
        public Builder credentials(String user, String secret) {
            username = user;
            password = secret;
            return this;
        }

        public Builder digestAlgorithms(List<DigestAlgorithm> value) {
            algorithms = value;
            return this;
        }

        public Builder extension(Extension extension) {
            extensions.add(extension);
            return this;
        }

        public Builder extension(String number, String name, String email, ExtensionBehaviour behaviour) {
            return extension(Extension.of(number, name, email, behaviour));
        }

        public Builder trunk(TrunkRoute value) {
            trunk = value;
            return this;
        }

        public PbxDescription build() {
            return new PbxDescription(host, port, realm, username, password, algorithms, extensions, trunk);
        }
    }
}
