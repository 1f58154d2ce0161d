package org.cloudgate.sip.transaction;

import io.netty.util.NetUtil;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.Via;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Records in a request's top Via where it really came from, so that every response built from the
 * request carries it back: {@code received} when the sent-by host is not the source address
 * (RFC 3261 section 18.2.1), and {@code rport} filled with the source port, together with
 * {@code received}, when the client asked for it (RFC 3581 section 4).
 */
final class ReceivedAnnotation {

    private ReceivedAnnotation() {
    }

    static void annotate(SipRequest request, InetSocketAddress source) {
        Via via = request.topVia();
        if (via == null || via.received() != null || source.getAddress() == null) {
            return;
        }
        boolean fillRport = via.rport() == 0;
        boolean addReceived = fillRport || !isAddressOf(via.host(), source.getAddress());
        if (!addReceived) {
            return;
        }
        List<String> lines = request.headers(HeaderName.VIA);
        String line = lines.get(0);
        int end = endOfFirstValue(line);
        String top = line.substring(0, end).stripTrailing();
        if (fillRport) {
            top = withRportValue(top, source.getPort());
        }
        top = top + ";received=" + source.getAddress().getHostAddress();
        request.replaceFirstHeader(HeaderName.VIA, top + line.substring(end));
    }

    private static boolean isAddressOf(String host, InetAddress address) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        return bytes != null && Arrays.equals(bytes, address.getAddress());
    }

    /** The end of the first via-parm of a line: its first comma outside a quoted string. */
    private static int endOfFirstValue(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return line.length();
    }

    /** Gives the value-less {@code rport} parameter of one Via value the port. */
    private static String withRportValue(String via, int port) {
        int at = 0;
        while ((at = via.indexOf(';', at)) >= 0) {
            int name = at + 1;
            while (name < via.length() && via.charAt(name) == ' ') {
                name++;
            }
            int after = name + "rport".length();
            if (via.regionMatches(true, name, "rport", 0, "rport".length())
                    && (after == via.length() || via.charAt(after) == ';' || via.charAt(after) == ' ')) {
                return via.substring(0, after) + "=" + port + via.substring(after);
            }
            at = name;
        }
        return via;
    }
}
