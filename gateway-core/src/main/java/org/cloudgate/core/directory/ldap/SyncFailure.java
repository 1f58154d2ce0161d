package org.cloudgate.core.directory.ldap;

import java.util.Locale;

/** Why reading the LDAP directory failed; the {@code reason} of the failure counter. */
public enum SyncFailure {
    /** No connection: refused, no route, name not resolved, or connecting timed out. */
    UNREACHABLE,
    /** The TLS handshake of an {@code ldaps://} server failed, e.g. an untrusted certificate. */
    TLS,
    /** The server refused the bind: wrong DN or password, or binding not allowed. */
    BIND,
    /** The bind or the search got no answer within the response timeout. */
    TIMEOUT,
    /** The server refused or broke off the search: no such base DN, no access, a size limit. */
    SEARCH,
    /** The search found no entry at all: a wrong base DN or filter, most likely. */
    NO_ENTRIES,
    /** Entries were found, but none had a usable extension: a wrong attribute mapping, most likely. */
    UNMAPPED_ENTRIES;

    /** The {@code reason} label, e.g. "no_entries". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
