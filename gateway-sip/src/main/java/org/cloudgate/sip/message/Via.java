package org.cloudgate.sip.message;

import org.cloudgate.sip.uri.Parameters;

/**
 * A decoded Via value (RFC 3261 section 20.42).
 *
 * @param transport the transport token, upper case as written (UDP, TCP, TLS...)
 * @param host      sent-by host
 * @param port      sent-by port, or -1 when absent
 * @param params    the via parameters as written, leading {@code ;} included, or empty
 */
public record Via(String transport, String host, int port, String params) {
    /** The RFC 3261 section 8.1.1.7 magic cookie that marks a compliant branch. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    public String branch() {
        return Parameters.find(params, "branch");
    }

    /** The {@code received} parameter (RFC 3261 section 18.2.1), or {@code null}. */
    public String received() {
        return Parameters.find(params, "received");
    }

    /**
     * The {@code rport} parameter (RFC 3581): its port, 0 when present without value (the
     * client asks for it to be filled in), -1 when absent or not a port number.
     */
    public int rport() {
        String rport = Parameters.find(params, "rport");
        if (rport == null) {
            return -1;
        }
        if (rport.isEmpty()) {
            return 0;
        }
        if (rport.length() > 5) {
            return -1;
        }
        int port = 0;
        for (int i = 0; i < rport.length(); i++) {
            char c = rport.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + c - '0';
        }
        return port <= 65535 ? port : -1;
    }

    /** Whether the branch starts with the magic cookie (RFC 3261 section 17.2.3 matching). */
    public boolean hasRfc3261Branch() {
        String branch = branch();
        return branch != null && branch.startsWith(MAGIC_COOKIE);
    }
}
