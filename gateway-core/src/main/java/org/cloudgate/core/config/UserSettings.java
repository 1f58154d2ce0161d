package org.cloudgate.core.config;

import java.util.Optional;
import java.util.Set;

/**
 * One softphone user from the configuration file ({@code cloudgate.directory.users}). Name and
 * e-mail may be missing: that is not a configuration error but an onboarding status the
 * directory reports.
 *
 * @param extension the user's extension on the PBX, also the user name the softphone registers with
 * @param password  the secret the softphone authenticates with (digest); never logged; empty when
 *                  neither the LDAP entry nor the users list gives one
 * @param gsm       the user's mobile number in E.164 form, if any
 * @param useGsm    incoming calls go to the GSM number instead of the softphone
 */
public record UserSettings(String extension, Optional<String> name, Optional<String> email, String password,
                           Optional<String> gsm, boolean useGsm) {

    static final Set<String> KEYS = Set.of("extension", "name", "email", "password", "gsm", "use-gsm");

    static UserSettings read(SettingsReader r) {
        return read(r, DirectorySource.CONFIG);
    }

    /**
     * With the LDAP source an element completes or overrides the directory entry of its
     * extension: the password may then come from the directory, and so may the GSM number
     * {@code use-gsm} needs.
     */
    static UserSettings read(SettingsReader r, DirectorySource source) {
        String extension = r.requiredString("extension", "the user's extension on the PBX");
        if (!extension.isEmpty() && !extension.chars().allMatch(Character::isDigit)) {
            r.reject("extension", "\"" + extension + "\" is not an extension: digits only");
        }
        Optional<String> name = r.optionalString("name").map(String::trim).filter(s -> !s.isEmpty());
        Optional<String> email = r.optionalString("email").map(String::trim).filter(s -> !s.isEmpty());
        email.ifPresent(address -> {
            if (!isEmailAddress(address)) {
                r.reject("email", "\"" + address + "\" is not an e-mail address");
            }
        });
        String password = source == DirectorySource.CONFIG
                ? r.requiredString("password", "the secret the user's softphone authenticates with")
                : r.optionalString("password").orElse("");
        Optional<String> gsm = r.optionalString("gsm").map(String::trim).filter(s -> !s.isEmpty());
        gsm.ifPresent(number -> {
            if (!isE164(number)) {
                r.reject("gsm", "\"" + number + "\" is not an E.164 number like +41791234567");
            }
        });
        boolean useGsm = r.isSet("use-gsm") && r.bool("use-gsm");
        if (useGsm && gsm.isEmpty() && source == DirectorySource.CONFIG) {
            r.reject("use-gsm", "needs a gsm number");
        }
        return new UserSettings(extension, name, email, password, gsm, useGsm);
    }

    /** One {@code @} with something on each side, and no white space. */
    public static boolean isEmailAddress(String address) {
        int at = address.indexOf('@');
        return at > 0 && at < address.length() - 1 && address.indexOf('@', at + 1) < 0
                && address.chars().noneMatch(Character::isWhitespace);
    }

    /** ITU-T E.164 in international form: +, a country code not starting with 0, at most 15 digits. */
    public static boolean isE164(String number) {
        return number.matches("\\+[1-9][0-9]{4,14}");
    }

    /** Whether the softphone has a secret to authenticate with. */
    public boolean hasPassword() {
        return !password.isEmpty();
    }

    @Override
    public String toString() {
        return "UserSettings[extension=" + extension + ", name=" + name + ", email=" + email
                + ", password=<redacted>, gsm=" + gsm + ", useGsm=" + useGsm + "]";
    }
}
