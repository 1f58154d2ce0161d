package org.cloudgate.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest algorithms the gateway speaks (RFC 7616 section 3.2, made available to SIP by
 * RFC 8760): SHA-256 first, MD5 for the clients that know nothing else. The {@code -sess}
 * variants are not offered: RFC 8760 section 2.6 leaves them to the server's choice.
 */
public enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    private static final HexFormat HEX = HexFormat.of();

    private final String token;
    private final String javaName;

    DigestAlgorithm(String token, String javaName) {
        this.token = token;
        this.javaName = javaName;
    }

    /** The {@code algorithm} parameter's value as written in a challenge. */
    public String token() {
        return token;
    }

    /**
     * The algorithm named by an {@code algorithm} parameter, case-insensitive; an absent
     * parameter means MD5 (RFC 7616 section 3.3).
     *
     * @return the algorithm, or {@code null} for one the gateway does not support
     */
    public static DigestAlgorithm of(String token) {
        if (token == null) {
            return MD5;
        }
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equalsIgnoreCase(token)) {
                return algorithm;
            }
        }
        return null;
    }

    /** {@code H(data)}: the hash of the UTF-8 octets of {@code data}, in lower-case hex. */
    public String hash(String data) {
        return HEX.formatHex(digest().digest(data.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code H(username ":" realm ":" password)}: HA1 of RFC 7616 section 3.4.2. */
    public String ha1(String username, String realm, String password) {
        return hash(username + ':' + realm + ':' + password);
    }

    /**
     * The request-digest with {@code qop=auth} (RFC 7616 section 3.4.1):
     * {@code KD(HA1, nonce:nc:cnonce:qop:H(method:uri))}.
     */
    public String response(String ha1, String nonce, String nc, String cnonce, String method, String uri) {
        String ha2 = hash(method + ':' + uri);
        return hash(ha1 + ':' + nonce + ':' + nc + ':' + cnonce + ":auth:" + ha2);
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + javaName, e);
        }
    }
}
