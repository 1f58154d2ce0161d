package org.cloudgate.core.api.security;

import java.util.Locale;

/**
 * What a token may do. Each scope includes the ones before it: {@code control} may read,
 * {@code admin} may do everything.
 */
public enum Scope {
    /** Users, presence, calls, settings and the event stream. */
    READ,
    /** Call control, do-not-disturb, forwarding, GSM and call-through. */
    CONTROL,
    /** Everything; no operation needs more than {@code control} today. */
    ADMIN;

    /** Whether a token with this scope may use an operation that requires {@code required}. */
    public boolean covers(Scope required) {
        return ordinal() >= required.ordinal();
    }

    /** The name in the configuration and in problem details, e.g. {@code control}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
