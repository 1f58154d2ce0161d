package org.cloudgate.core.config;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * The PBX's LDAP directory the users are read from ({@code cloudgate.directory.ldap}).
 *
 * @param host            from the {@code ldap://} or {@code ldaps://} URL
 * @param port            from the URL, or 389 / 636 by scheme (RFC 4516 section 2)
 * @param secure          {@code ldaps}: TLS from the first octet, server certificate checked
 *                        against the JVM's trust store and the host name
 * @param bindDn          vendor field "User name (LDAP)"; the PBX user name when not set
 * @param password        vendor field "Password (LDAP)"; the PBX password when not set; never logged
 * @param baseDn          where the search starts
 * @param filter          which entries are users (RFC 4515 string form)
 * @param attributes      which attribute holds which field
 * @param resyncInterval  how often the directory is read again
 * @param connectTimeout  how long connecting may take
 * @param responseTimeout how long the bind and the search may each take
 */
public record LdapSettings(String host, int port, boolean secure, String bindDn, String password, String baseDn,
                           String filter, LdapAttributes attributes, Duration resyncInterval,
                           Duration connectTimeout, Duration responseTimeout) {

    static LdapSettings read(SettingsReader r, PbxSettings pbx, boolean required) {
        String prefix = "cloudgate.directory.ldap.";
        String url = r.string(prefix + "url").trim();
        String bindDn = r.string(prefix + "bind-dn");
        String password = r.string(prefix + "password");
        String baseDn = r.string(prefix + "base-dn").trim();
        String filter = r.string(prefix + "filter").trim();
        LdapAttributes attributes = LdapAttributes.read(r);
        Duration resync = r.duration(prefix + "resync-interval", Duration.ofSeconds(1), Duration.ofDays(1));
        Duration connect = r.duration(prefix + "connect-timeout", Duration.ofMillis(100), Duration.ofMinutes(5));
        Duration response = r.duration(prefix + "response-timeout", Duration.ofMillis(100), Duration.ofMinutes(10));
        String host = "";
        int port = 0;
        boolean secure = false;
        if (url.isEmpty()) {
            if (required) {
                r.reject(prefix + "url", "the LDAP server, e.g. ldaps://pbx.example.com, is needed with "
                        + "cloudgate.directory.source = ldap");
            }
        } else {
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                secure = scheme.equals("ldaps");
                host = uri.getHost() == null ? "" : uri.getHost();
                if (!secure && !scheme.equals("ldap")) {
                    r.reject(prefix + "url", "\"" + url + "\" is not an ldap:// or ldaps:// URL");
                } else if (host.isEmpty()) {
                    r.reject(prefix + "url", "\"" + url + "\" names no host");
                } else if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
                    r.reject(prefix + "url", "\"" + url + "\" carries a DN: set it as " + prefix + "base-dn instead");
                }
                port = uri.getPort() == -1 ? (secure ? 636 : 389) : uri.getPort();
            } catch (URISyntaxException e) {
                r.reject(prefix + "url", "\"" + url + "\" is not a URL: " + e.getReason());
            }
        }
        if (required && baseDn.isEmpty()) {
            r.reject(prefix + "base-dn", "the DN the user search starts at is needed with "
                    + "cloudgate.directory.source = ldap");
        }
        if (!baseDn.isEmpty() && !DN.isValidDN(baseDn)) {
            r.reject(prefix + "base-dn", "\"" + baseDn + "\" is not a DN like ou=users,dc=example,dc=com");
        }
        try {
            Filter.create(filter);
        } catch (LDAPException e) {
            r.reject(prefix + "filter", "\"" + filter + "\" is not an LDAP filter like (objectClass=person): "
                    + e.getDiagnosticMessage());
        }
        return new LdapSettings(host, port, secure, bindDn.isEmpty() ? pbx.username() : bindDn,
                password.isEmpty() ? pbx.password() : password, baseDn, filter, attributes, resync, connect,
                response);
    }

    /** The server as operators write it, for logs: e.g. {@code ldaps://pbx.example.com:636}. */
    public String server() {
        String literal = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return (secure ? "ldaps://" : "ldap://") + literal + ":" + port;
    }

    @Override
    public String toString() {
        return "LdapSettings[server=" + server() + ", bindDn=" + bindDn + ", password=<redacted>, baseDn=" + baseDn
                + ", filter=" + filter + ", attributes=" + attributes + ", resyncInterval=" + resyncInterval
                + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout + "]";
    }
}
