/** SIP, SIPS and tel URIs (RFC 3261 section 19.1, RFC 3966): in-place syntax checks and decoded forms. */
package org.cloudgate.sip.uri;
