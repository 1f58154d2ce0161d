package org.cloudgate.sip.auth;

/**
 * Where the digest verifier finds a user's secret: the gateway's user directory, loaded from the
 * config file or the PBX's LDAP. Called on the registrar's event loop, so it must answer from
 * memory without blocking.
 */
@FunctionalInterface
public interface CredentialStore {

    /** The secret of {@code username}, or {@code null} when no such user exists. */
    DigestSecret secret(String username);
}
