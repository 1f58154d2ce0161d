package org.cloudgate.core.directory.ldap;

/** Reading the LDAP directory failed; the message names the cause for the operator. */
public final class DirectoryReadException extends Exception {

    private final SyncFailure failure;

    public DirectoryReadException(SyncFailure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    public SyncFailure failure() {
        return failure;
    }
}
