package org.cloudgate.rtp;

/**
 * Who provides music on hold when one party holds the other (RFC 3264 section 8.4, RFC 6337
 * section 5.3: the holding side offers {@code sendonly} or {@code inactive}).
 */
public enum MohMode {
    /** The gateway streams its MoH file toward the held party from its relay port. */
    GATEWAY,
    /** The hold is signalled through unchanged; the other side plays its own MoH (or none). */
    SIGNAL
}
