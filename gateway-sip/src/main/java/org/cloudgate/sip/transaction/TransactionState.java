package org.cloudgate.sip.transaction;

/**
 * The states of the four transaction machines of RFC 3261 section 17, with Accepted from RFC 6026
 * (an INVITE transaction that saw a 2xx stays to absorb retransmissions instead of vanishing).
 */
public enum TransactionState {
    CALLING, TRYING, PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED
}
