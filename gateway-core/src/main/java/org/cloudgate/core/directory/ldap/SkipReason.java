package org.cloudgate.core.directory.ldap;

import java.util.Locale;

/** Why an entry of the LDAP directory did not become a user. */
public enum SkipReason {
    /** The entry has no value for the extension attribute. */
    MISSING_EXTENSION,
    /** The extension attribute holds something other than digits. */
    INVALID_EXTENSION,
    /** Another entry, first in DN order, has the same extension. */
    DUPLICATE_EXTENSION;

    /** The {@code reason} label, e.g. "missing_extension". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
