package org.cloudgate.core.directory.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import org.cloudgate.core.config.LdapAttributes;
import org.cloudgate.core.config.UserSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns LDAP entries into users with the configured attribute mapping, and completes them with
 * the configuration's users list: a key set there wins over the entry's attribute.
 *
 * <p>Rules: the extension is the first value of its attribute, trimmed, digits only; an entry
 * without one is skipped. Entries are taken in DN order, so of two entries with the same
 * extension the first DN wins, whatever order the server returns them in. A value that is not
 * an e-mail address counts as missing; a GSM number is taken without spaces, dots, dashes,
 * slashes and parentheses, with a leading 00 read as +, and counts as missing unless it is then
 * an E.164 number. {@code use-gsm} without any GSM number is off.
 */
public final class LdapUserMapping {

    private static final Comparator<String> EXTENSION_ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private final LdapAttributes attributes;

    public LdapUserMapping(LdapAttributes attributes) {
        this.attributes = attributes;
    }

    /** The attributes the search asks for. */
    public String[] requested() {
        List<String> names = new ArrayList<>(List.of(attributes.extension(), attributes.name(), attributes.email()));
        attributes.gsm().ifPresent(names::add);
        attributes.password().ifPresent(names::add);
        return names.toArray(String[]::new);
    }

    public MappedDirectory map(List<? extends Entry> entries, List<UserSettings> overrides) {
        List<Entry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparing(LdapUserMapping::parsedDn, LdapUserMapping::compareDn)
                .thenComparing(Entry::getDN));
        Map<SkipReason, List<String>> skipped = new EnumMap<>(SkipReason.class);
        Map<String, UserSettings> byExtension = new HashMap<>();
        Map<String, UserSettings> overridden = new HashMap<>();
        Map<String, String> gsmOwners = new HashMap<>();
        List<String> sharedGsm = new ArrayList<>();
        for (UserSettings override : overrides) {
            overridden.put(override.extension(), override);
        }
        for (Entry entry : ordered) {
            String extension = value(entry, attributes.extension()).orElse("");
            SkipReason skip = null;
            if (extension.isEmpty()) {
                skip = SkipReason.MISSING_EXTENSION;
            } else if (!extension.chars().allMatch(c -> c >= '0' && c <= '9')) {
                skip = SkipReason.INVALID_EXTENSION;
            } else if (byExtension.containsKey(extension)) {
                skip = SkipReason.DUPLICATE_EXTENSION;
            }
            if (skip != null) {
                skipped.computeIfAbsent(skip, r -> new ArrayList<>()).add(entry.getDN());
                continue;
            }
            UserSettings user = user(entry, extension, overridden.get(extension));
            if (user.gsm().isPresent()) {
                String owner = gsmOwners.putIfAbsent(user.gsm().get(), extension);
                if (owner != null) {
                    sharedGsm.add(extension + " (" + user.gsm().get() + ", the GSM of " + owner + ")");
                    user = new UserSettings(extension, user.name(), user.email(), user.password(), Optional.empty(), false);
                }
            }
            byExtension.put(extension, user);
        }
        List<UserSettings> users = new ArrayList<>(byExtension.values());
        users.sort(Comparator.comparing(UserSettings::extension, EXTENSION_ORDER));
        Set<String> unmatched = new LinkedHashSet<>();
        for (UserSettings override : overrides) {
            if (!byExtension.containsKey(override.extension())) {
                unmatched.add(override.extension());
            }
        }
        Map<SkipReason, List<String>> frozen = new EnumMap<>(SkipReason.class);
        skipped.forEach((reason, dns) -> frozen.put(reason, List.copyOf(dns)));
        return new MappedDirectory(List.copyOf(users), frozen, unmatched, List.copyOf(sharedGsm));
    }

    private UserSettings user(Entry entry, String extension, UserSettings override) {
        Optional<String> name = value(entry, attributes.name());
        Optional<String> email = value(entry, attributes.email()).filter(UserSettings::isEmailAddress);
        Optional<String> gsm = attributes.gsm().flatMap(a -> value(entry, a)).flatMap(LdapUserMapping::e164);
        String password = attributes.password().flatMap(a -> value(entry, a)).orElse("");
        boolean useGsm = false;
        if (override != null) {
            name = override.name().isPresent() ? override.name() : name;
            email = override.email().isPresent() ? override.email() : email;
            gsm = override.gsm().isPresent() ? override.gsm() : gsm;
            password = override.hasPassword() ? override.password() : password;
            useGsm = override.useGsm();
        }
        return new UserSettings(extension, name, email, password, gsm, useGsm && gsm.isPresent());
    }

    /** The first value of {@code attribute}, trimmed; empty when absent or blank. */
    private static Optional<String> value(Entry entry, String attribute) {
        String value = entry.getAttributeValue(attribute);
        return value == null ? Optional.empty() : Optional.of(value.trim()).filter(v -> !v.isEmpty());
    }

    /** The number without punctuation, if it is then E.164. */
    static Optional<String> e164(String number) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == ' ' || c == '.' || c == '-' || c == '/' || c == '(' || c == ')') {
                continue;
            }
            digits.append(c);
        }
        String text = digits.toString();
        if (text.startsWith("00")) {
            text = "+" + text.substring(2);
        }
        return UserSettings.isE164(text) ? Optional.of(text) : Optional.empty();
    }

    private static DN parsedDn(Entry entry) {
        try {
            return entry.getParsedDN();
        } catch (LDAPException e) {
            return null;
        }
    }

    /** DN order (UnboundID's, on normalized DNs); a DN that does not parse sorts last. */
    private static int compareDn(DN a, DN b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a.compareTo(b);
    }
}
