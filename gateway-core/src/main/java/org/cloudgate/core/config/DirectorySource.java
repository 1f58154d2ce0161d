package org.cloudgate.core.config;

/** Where the softphone users come from ({@code cloudgate.directory.source}). */
public enum DirectorySource {
    /** The users listed in {@code cloudgate.directory.users}. */
    CONFIG,
    /** The PBX's LDAP directory ({@code cloudgate.directory.ldap}), completed by the users list. */
    LDAP
}
