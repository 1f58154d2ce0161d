/** SIP transports (RFC 3261 section 18) built on the codecs: UDP so far. */
package org.cloudgate.sip.transport;
