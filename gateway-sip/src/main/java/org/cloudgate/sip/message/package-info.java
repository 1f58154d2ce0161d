/**
 * The SIP message model (RFC 3261 section 7) held in the received buffer: a one-pass index of
 * the head, typed header values decoded on request, and rewrites written by splicing the
 * original octets with the new ones.
 */
package org.cloudgate.sip.message;
