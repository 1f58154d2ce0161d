package org.cloudgate.rtp.sdp;

import java.util.List;

/**
 * The {@code m=} line (RFC 4566 section 5.14): media type, port (and port count), transport
 * protocol and the format list, in the order of preference (RFC 3264 section 5.1).
 *
 * @param portCount the {@code /<number of ports>} suffix, or empty
 */
public record MediaLine(String media, int port, String portCount, String proto, List<String> formats) {

    public MediaLine {
        formats = List.copyOf(formats);
    }

    static MediaLine parse(String value) throws SdpSyntaxException {
        var t = Tokens.of(value);
        if (t.size() < 4) {
            throw new SdpSyntaxException("m= needs media, port, proto and at least one format");
        }
        String portField = t.get(1);
        int slash = portField.indexOf('/');
        String count = slash < 0 ? "" : portField.substring(slash + 1);
        long port = SdpSyntaxException.number(slash < 0 ? portField : portField.substring(0, slash), "m= port");
        if (port > 65535 || (!count.isEmpty() && SdpSyntaxException.number(count, "m= port count") == 0)) {
            throw new SdpSyntaxException("m= port out of range: " + portField);
        }
        return new MediaLine(t.get(0), (int) port, count, t.get(2), t.subList(3, t.size()));
    }

    /** A port of 0 marks a disabled or rejected stream (RFC 3264 sections 5.1 and 6). */
    public boolean disabled() {
        return port == 0;
    }

    public MediaLine withPort(int newPort) {
        return new MediaLine(media, newPort, newPort == 0 ? "" : portCount, proto, formats);
    }

    public MediaLine withFormats(List<String> newFormats) {
        return new MediaLine(media, port, portCount, proto, newFormats);
    }

    String value() {
        StringBuilder line = new StringBuilder(media).append(' ').append(port);
        if (!portCount.isEmpty()) {
            line.append('/').append(portCount);
        }
        line.append(' ').append(proto);
        for (String format : formats) {
            line.append(' ').append(format);
        }
        return line.toString();
    }
}
