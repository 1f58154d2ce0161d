/**
 * The back-to-back user agent (RFC 3261 section 6, "B2BUA"): every call is two independent
 * dialogs, one with the caller and one with the callee, each with its own Call-ID, tags, CSeq,
 * Via and Contact. Requests and responses of one dialog are rebuilt for the other by rewriting
 * the received message in place ({@link org.cloudgate.sip.message.SipMessage#duplicate()}):
 * untouched headers and the body are spliced through without a copy.
 *
 * <p>A call lives on the event loop its INVITE arrived on; the tags the gateway writes name that
 * loop ({@link org.cloudgate.sip.transaction.DialogTag}), so requests inside the dialog reach
 * it whatever socket they come in on. Nothing here takes a lock.
 */
package org.cloudgate.sip.b2bua;
