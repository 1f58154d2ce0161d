package org.cloudgate.sip.registration;

import java.net.InetSocketAddress;
import org.cloudgate.sip.auth.DigestSecret;

/**
 * A user's softphone terminal as the PBX knows it: what the gateway registers on the user's
 * behalf (RFC 3261 section 10.2).
 *
 * @param aor      the address-of-record on the PBX, e.g. {@code sip:201@pbx.example}; From and To
 * @param contact  the gateway's URI for this terminal, where the PBX sends its calls
 * @param username the digest user name the PBX expects
 * @param secret   the digest secret; never shown by {@link #toString()}
 * @param pbx      where REGISTER goes: the PBX's SIP address and port
 */
public record PbxTerminal(String aor, String contact, String username, DigestSecret secret, InetSocketAddress pbx) {
}
