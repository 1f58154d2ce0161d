package org.cloudgate.core.calls;

import org.cloudgate.core.directory.DirectoryUser;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each user's "use GSM" choice as set at run time (through the API), over the configured
 * {@code use-gsm}: the call router reads it for every call from the PBX, so a change applies to
 * the next call. Held in memory: a restart goes back to the configured values. Safe from any thread.
 */
public final class GsmPreferences {

    private final Map<String, Boolean> chosen = new ConcurrentHashMap<>();

    /** Whether calls to {@code user} go to the user's GSM: the run-time choice, else the configured one. */
    public boolean useGsm(DirectoryUser user) {
        Boolean choice = chosen.get(user.extension());
        return choice != null ? choice : user.settings().useGsm();
    }

    /** Sets the choice for the user with this extension, from the next call on. */
    public void choose(String extension, boolean useGsm) {
        chosen.put(extension, useGsm);
    }
}
