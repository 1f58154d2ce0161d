package org.cloudgate.core.directory.ldap;

import org.cloudgate.core.config.UserSettings;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The users read from the LDAP entries, and what could not be used.
 *
 * @param users              in extension order, completed by the users list of the configuration
 * @param skipped            DNs of entries that did not become users, by reason
 * @param unmatchedOverrides extensions of the users list that no entry has
 * @param sharedGsm          users whose GSM number an entry earlier in DN order has, as
 *                           "extension (number, the GSM of extension)": they are users without a GSM,
 *                           since a call-through dial-in from that number could not tell them apart
 */
public record MappedDirectory(List<UserSettings> users, Map<SkipReason, List<String>> skipped,
                              Set<String> unmatchedOverrides, List<String> sharedGsm) {
}
