/** Array views of received octets for the parsers' byte loops. */
package org.cloudgate.sip.wire;
