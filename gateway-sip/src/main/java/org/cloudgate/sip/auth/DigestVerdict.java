package org.cloudgate.sip.auth;

/**
 * The outcome of checking a request's credentials: the authenticated user name, or why not.
 *
 * @param username the user the credentials proved, or {@code null} on failure
 * @param failure  why they were not accepted, or {@code null} on success
 */
public record DigestVerdict(String username, DigestFailure failure) {

    static DigestVerdict authenticated(String username) {
        return new DigestVerdict(username, null);
    }

    static DigestVerdict failed(DigestFailure failure) {
        return new DigestVerdict(null, failure);
    }

    public boolean authenticated() {
        return failure == null;
    }
}
