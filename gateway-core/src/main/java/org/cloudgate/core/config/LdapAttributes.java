package org.cloudgate.core.config;

import java.util.Optional;

/**
 * Which LDAP attribute holds which field of a user ({@code cloudgate.directory.ldap.attributes}).
 * Attribute names are matched case-insensitively, as LDAP does (RFC 4512 section 2.5).
 *
 * @param extension the user's extension; an entry without it is skipped
 * @param name      the user's display name
 * @param email     the user's e-mail address
 * @param gsm       the user's mobile number; empty when the directory holds none
 * @param password  the softphone's digest secret, if the directory holds one; usually empty
 */
public record LdapAttributes(String extension, String name, String email, Optional<String> gsm,
                             Optional<String> password) {

    static LdapAttributes read(SettingsReader r) {
        String prefix = "cloudgate.directory.ldap.attributes.";
        return new LdapAttributes(attribute(r, prefix + "extension"), attribute(r, prefix + "name"),
                attribute(r, prefix + "email"), optional(r, prefix + "gsm-number"), optional(r, prefix + "password"));
    }

    private static String attribute(SettingsReader r, String key) {
        String name = r.string(key).trim();
        if (name.isEmpty()) {
            r.reject(key, "must name an LDAP attribute");
        } else if (!isAttributeName(name)) {
            r.reject(key, "\"" + name + "\" is not an LDAP attribute name (letters, digits and hyphens, "
                    + "starting with a letter)");
        }
        return name;
    }

    private static Optional<String> optional(SettingsReader r, String key) {
        String name = r.string(key).trim();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (!isAttributeName(name)) {
            r.reject(key, "\"" + name + "\" is not an LDAP attribute name (letters, digits and hyphens, "
                    + "starting with a letter)");
        }
        return Optional.of(name);
    }

    /** RFC 4512 section 1.4: {@code descr = keystring = leadkeychar *keychar}. */
    private static boolean isAttributeName(String name) {
        if (!Character.isLetter(name.charAt(0)) || name.charAt(0) > 0x7f) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7f || !(Character.isLetterOrDigit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
