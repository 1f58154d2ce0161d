package org.cloudgate.core;

/** Process exit codes, from BSD {@code sysexits.h} so that systemd units and scripts can act on them. */
public final class ExitCode {

    public static final int OK = 0;
    /** EX_USAGE: the command line was wrong. */
    public static final int USAGE = 64;
    /** EX_UNAVAILABLE: a listener could not bind (a port in use, an address not on this host). */
    public static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: an internal error the daemon cannot recover from. */
    public static final int SOFTWARE = 70;
    /** EX_CONFIG: the configuration file has problems; restarting will not help. */
    public static final int CONFIG = 78;

    private ExitCode() {
    }
}
