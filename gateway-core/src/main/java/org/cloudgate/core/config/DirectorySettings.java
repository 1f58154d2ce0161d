package org.cloudgate.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The softphone users the gateway knows and how many the PBX licenses
 * ({@code cloudgate.directory}). Live: a reload replaces the users.
 *
 * @param licences softphone terminal licences available on the PBX for cloud clients
 * @param users    in file order, which is also the order licences are handed out in with the
 *                 configuration source; with the LDAP source, per-extension completions and
 *                 overrides of the directory's entries
 * @param source   where the users come from
 * @param ldap     the LDAP directory with the LDAP source; {@code null} with the configuration source
 */
public record DirectorySettings(int licences, List<UserSettings> users, DirectorySource source, LdapSettings ldap) {

    /** Users from the configuration file. */
    public DirectorySettings(int licences, List<UserSettings> users) {
        this(licences, users, DirectorySource.CONFIG, null);
    }

    static DirectorySettings read(SettingsReader r, PbxSettings pbx) {
        int licences = (int) r.integer("cloudgate.directory.licences", 0, 100_000);
        DirectorySource source = r.enumValue("cloudgate.directory.source", DirectorySource.class);
        LdapSettings ldap = LdapSettings.read(r, pbx, source == DirectorySource.LDAP);
        List<UserSettings> users = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<SettingsReader> elements = r.objects("cloudgate.directory.users", UserSettings.KEYS);
        for (int i = 0; i < elements.size(); i++) {
            UserSettings user = UserSettings.read(elements.get(i), source);
            Integer first = seen.putIfAbsent(user.extension(), i);
            if (first != null && !user.extension().isEmpty()) {
                elements.get(i).reject("extension", "extension " + user.extension()
                        + " is already used by cloudgate.directory.users[" + first + "]");
            }
            int shared = userWithGsm(users, user);
            if (shared >= 0) {
                // A call-through dial-in from that number could not tell which user it is.
                elements.get(i).reject("gsm", "GSM number " + user.gsm().orElseThrow() + " is already the GSM of"
                        + " cloudgate.directory.users[" + shared + "] (" + users.get(shared).gsm().orElseThrow() + ")");
            }
            users.add(user);
        }
        return new DirectorySettings(licences, List.copyOf(users), source,
                source == DirectorySource.LDAP ? ldap : null);
    }

    /** The index of the first of {@code users} whose GSM number is {@code user}'s, or -1. */
    private static int userWithGsm(List<UserSettings> users, UserSettings user) {
        if (user.gsm().isEmpty()) {
            return -1;
        }
        for (int i = 0; i < users.size(); i++) {
            if (users.get(i).gsm().filter(gsm -> PhoneNumbers.sameNumber(gsm, user.gsm().orElseThrow())).isPresent()) {
                return i;
            }
        }
        return -1;
    }
}
