package org.cloudgate.rtp.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses SDP bodies (RFC 4566 section 5): {@code <type>=<value>} lines ended by CRLF (a bare LF
 * is accepted, as section 5 asks of parsers). The lines the relay rewrites ({@code o=},
 * {@code c=}, {@code m=}) are checked strictly; all other lines are kept as text, so extensions
 * pass through unchanged. Bad input gives {@link SdpResult.Malformed}, never an exception.
 */
public final class SdpParser {

    /** Larger bodies are refused; real offers, even with many ICE candidates, stay far below. */
    public static final int MAX_LENGTH = 64 * 1024;

    private SdpParser() {
    }

    public static SdpResult parse(String body) {
        try {
            return new SdpResult.Parsed(parseOrThrow(body));
        } catch (SdpSyntaxException e) {
            return new SdpResult.Malformed(e.getMessage());
        } catch (RuntimeException e) {
            return new SdpResult.Malformed("unreadable SDP: " + e);
        }
    }

    private static SessionDescription parseOrThrow(String body) throws SdpSyntaxException {
        if (body == null || body.isEmpty()) {
            throw new SdpSyntaxException("empty body");
        }
        if (body.length() > MAX_LENGTH) {
            throw new SdpSyntaxException("body longer than " + MAX_LENGTH + " characters");
        }
        List<SdpLine> sessionLines = new ArrayList<>();
        List<MediaSection> media = new ArrayList<>();
        Origin origin = null;
        MediaLine currentMedia = null;
        List<SdpLine> currentLines = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = body.length();
            }
            int contentEnd = end > start && body.charAt(end - 1) == '\r' ? end - 1 : end;
            String text = body.substring(start, contentEnd);
            start = end + 1;
            lineNumber++;
            if (text.isEmpty()) {
                continue;
            }
            SdpLine line = line(text, lineNumber);
            if (lineNumber == 1 && !(line.type() == 'v' && line.value().equals("0"))) {
                throw new SdpSyntaxException("the first line must be v=0");
            }
            switch (line.type()) {
                case 'o' -> {
                    if (origin != null || currentMedia != null) {
                        throw new SdpSyntaxException("line " + lineNumber + ": misplaced o=");
                    }
                    origin = Origin.parse(line.value());
                }
                case 'm' -> {
                    if (currentMedia != null) {
                        media.add(new MediaSection(currentMedia, currentLines));
                        currentLines = new ArrayList<>();
                    }
                    currentMedia = MediaLine.parse(line.value());
                }
                default -> {
                    if (line.type() == 'c') {
                        MediaAddress.parseConnection(line.value());
                    }
                    if (currentMedia == null) {
                        sessionLines.add(line);
                    } else {
                        currentLines.add(line);
                    }
                }
            }
        }
        if (currentMedia != null) {
            media.add(new MediaSection(currentMedia, currentLines));
        }
        if (origin == null) {
            throw new SdpSyntaxException("no o= line");
        }
        return new SessionDescription(sessionLines, origin, media);
    }

    private static SdpLine line(String text, int lineNumber) throws SdpSyntaxException {
        if (text.length() < 2 || text.charAt(1) != '=' || text.charAt(0) < 'a' || text.charAt(0) > 'z') {
            throw new SdpSyntaxException("line " + lineNumber + " is not <type>=<value>");
        }
        for (int i = 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c == '\r') {
                throw new SdpSyntaxException("line " + lineNumber + " holds a NUL or CR");
            }
        }
        return new SdpLine(text.charAt(0), text.substring(2));
    }
}
