package org.cloudgate.rtp.sdp;

/**
 * The {@code o=} line (RFC 4566 section 5.2). The version must grow whenever the session
 * description sent within a dialog changes, and only then (RFC 3264 section 8).
 */
public record Origin(String username, String sessionId, long version, String netType,
                     String addressType, String address) {

    static Origin parse(String value) throws SdpSyntaxException {
        var t = Tokens.of(value);
        if (t.size() != 6) {
            throw new SdpSyntaxException("o= needs 6 fields");
        }
        return new Origin(t.get(0), t.get(1), SdpSyntaxException.number(t.get(2), "o= version"),
                t.get(3), t.get(4), t.get(5));
    }

    public Origin withVersion(long newVersion) {
        return new Origin(username, sessionId, newVersion, netType, addressType, address);
    }

    public Origin withAddress(MediaAddress relay) {
        return new Origin(username, sessionId, version, netType, relay.addressType(), relay.host());
    }

    String value() {
        return username + ' ' + sessionId + ' ' + version + ' ' + netType + ' ' + addressType + ' ' + address;
    }
}
