package org.cloudgate.core.directory;

import java.util.Set;

/**
 * What one reload or resync changed in the directory, by extension.
 *
 * @param added      users that were not there before
 * @param removed    users that are gone
 * @param changed    users whose data or onboarding verdict changed
 * @param unlicensed users that held a licence and no longer do, whether removed or not: their
 *                   clients' registrations and the terminals toward the PBX must go
 */
public record DirectoryChange(Set<String> added, Set<String> removed, Set<String> changed, Set<String> unlicensed) {

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
