package org.cloudgate.core.directory;

/**
 * Told when a reload or an LDAP resync changed the users; not told when a client registers or
 * unregisters. Called on the thread that applied the change (the reload or the directory
 * thread, never an event loop), after the new users are visible; must not block for long.
 */
@FunctionalInterface
public interface DirectoryListener {

    void directoryChanged(DirectoryChange change);
}
