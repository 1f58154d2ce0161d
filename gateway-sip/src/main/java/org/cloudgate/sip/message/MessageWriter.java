package org.cloudgate.sip.message;

import java.util.List;

/**
 * Walks a message in wire order and sends its pieces to a sink: untouched lines as original
 * ranges, rewritten values as splices, and a Content-Length that matches the body
 * (RFC 3261 section 20.14; required on streams, section 18.3).
 */
final class MessageWriter {
    private static final String CONTENT_LENGTH_LINE = "Content-Length: ";
    private static final String CRLF = "\r\n";
    private static final String COLON_SP = ": ";

    private MessageWriter() {
    }

    static void write(BufferedSipMessage message, MessageSink sink) {
        SipHead head = message.head();
        HeaderIndex index = head.headers;
        List<HeaderEdit> edits = message.edits();
        CharSequence requestUri = message.newRequestUri();
        if (requestUri != null) {
            sink.original(0, head.uriStart);
            sink.text(requestUri);
            sink.original(head.uriEnd, head.headersStart);
        } else {
            sink.original(0, head.headersStart);
        }
        long bodyLength = message.bodyLength();
        boolean contentLengthWritten = false;
        for (int i = 0; i < index.size(); i++) {
            writeInserts(edits, i, sink);
            if (index.name(i) == HeaderName.CONTENT_LENGTH) {
                if (!contentLengthWritten) {
                    writeContentLength(message, i, bodyLength, sink);
                    contentLengthWritten = true;
                }
                continue;
            }
            HeaderEdit edit = lineEdit(edits, i);
            if (edit == null) {
                sink.original(index.lineStart(i), index.lineEnd(i));
            } else if (edit.kind() == HeaderEdit.Kind.REPLACE) {
                sink.original(index.lineStart(i), index.valueStart(i));
                edit.value().writeTo(sink);
                sink.original(index.valueEnd(i), index.lineEnd(i));
            }
        }
        writeInserts(edits, index.size(), sink);
        if (!contentLengthWritten) {
            sink.text(CONTENT_LENGTH_LINE);
            sink.number(bodyLength);
            sink.text(CRLF);
        }
        sink.original(index.headEnd(), head.bodyStart);
        message.writeBody(sink);
    }

    private static void writeContentLength(BufferedSipMessage message, int header, long bodyLength, MessageSink sink) {
        HeaderIndex index = message.head().headers;
        if (message.declaredContentLength() == bodyLength) {
            sink.original(index.lineStart(header), index.lineEnd(header));
            return;
        }
        sink.original(index.lineStart(header), index.valueStart(header));
        sink.number(bodyLength);
        sink.original(index.valueEnd(header), index.lineEnd(header));
    }

    private static void writeInserts(List<HeaderEdit> edits, int header, MessageSink sink) {
        if (edits == null) {
            return;
        }
        for (int i = 0; i < edits.size(); i++) {
            HeaderEdit edit = edits.get(i);
            if (edit.kind() == HeaderEdit.Kind.INSERT && edit.header() == header) {
                sink.text(edit.name());
                sink.text(COLON_SP);
                edit.value().writeTo(sink);
                sink.text(CRLF);
            }
        }
    }

    private static HeaderEdit lineEdit(List<HeaderEdit> edits, int header) {
        if (edits == null) {
            return null;
        }
        for (int i = 0; i < edits.size(); i++) {
            HeaderEdit edit = edits.get(i);
            if (edit.header() == header && edit.kind() != HeaderEdit.Kind.INSERT) {
                return edit;
            }
        }
        return null;
    }
}
