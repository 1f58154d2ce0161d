package org.cloudgate.csta.xml;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.HashMap;
import java.util.Map;
import org.cloudgate.csta.codec.CstaCodec;
import org.cloudgate.csta.codec.CstaDecodeException;
import org.cloudgate.csta.codec.Inbound;
import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaMessage.Error;
import org.cloudgate.csta.model.CstaMessage.EventReport;
import org.cloudgate.csta.model.CstaMessage.Invoke;
import org.cloudgate.csta.model.CstaMessage.Result;
import org.cloudgate.csta.model.CstaMessage.Unrecognized;
import org.cloudgate.csta.model.ErrorCategory;
import org.cloudgate.csta.model.EventType;
import org.cloudgate.csta.model.Operation;

/**
 * The ECMA-323 XML encoding with the Annex J.2 TCP framing.
 *
 * <p>Received documents are parsed by {@code XmlDocumentReader} (no DTDs or entities, bounded
 * depth and size) and mapped by their root element: a service request, its {@code ...Response}, a
 * {@code CSTAErrorCode} or an event. Elements the gateway does not use are ignored and counted.
 * Documents are written by hand, in the namespace the caller passes (the peer's).
 */
public final class XmlCstaCodec implements CstaCodec {

    /** Deepest element nesting accepted; the deepest supported document needs six levels. */
    public static final int MAX_DEPTH = 32;
    /** Most elements accepted in one document. */
    public static final int MAX_ELEMENTS = 2000;

    private static final String ERROR_ROOT = "CSTAErrorCode";

    private final XmlDocumentReader reader = new XmlDocumentReader(MAX_DEPTH, MAX_ELEMENTS);
    private final Map<String, Operation> requests = new HashMap<>();
    private final Map<String, Operation> responses = new HashMap<>();
    private final Map<String, EventType> events = new HashMap<>();

    public XmlCstaCodec() {
        for (Operation operation : Operation.values()) {
            requests.put(operation.xmlName(), operation);
            responses.put(operation.xmlResponseName(), operation);
        }
        for (EventType type : EventType.values()) {
            events.put(type.xmlName(), type);
        }
    }

    @Override
    public Inbound decode(ByteBuf frame) {
        int start = frame.readerIndex();
        if (frame.readableBytes() <= XmlFrameDecoder.HEADER_LENGTH) {
            throw new CstaDecodeException("frame shorter than the Annex J.2 header and a document", 0);
        }
        int length = XmlFrameDecoder.checkHeader(frame, start);
        if (length != frame.readableBytes()) {
            throw new CstaDecodeException("header states " + length + " bytes, frame has " + frame.readableBytes(), 2);
        }
        int invokeId = 0;
        for (int i = 4; i < XmlFrameDecoder.HEADER_LENGTH; i++) {
            invokeId = invokeId * 10 + (frame.getByte(start + i) - '0');
        }
        return decodeDocument(frame.slice(start + XmlFrameDecoder.HEADER_LENGTH,
                length - XmlFrameDecoder.HEADER_LENGTH), invokeId);
    }

    /**
     * Decodes a document without the Annex J.2 header, e.g. from a capture.
     *
     * @param invokeId the invoke identifier to attach to the message
     */
    public Inbound decodeDocument(ByteBuf document, int invokeId) {
        XmlDocumentReader.Document doc = reader.read(document);
        String namespace = doc.namespace();
        if (namespace != null && !namespace.isEmpty() && !XmlNamespaces.accepted(namespace)) {
            throw new CstaDecodeException("unsupported namespace " + namespace, -1);
        }
        XmlElement root = doc.root();
        CstaMessage message = map(root, invokeId);
        return new Inbound(message, root.countUnused(), namespace == null || namespace.isEmpty() ? null : namespace);
    }

    private CstaMessage map(XmlElement root, int invokeId) {
        String name = root.name();
        EventType type = events.get(name);
        if (type != null) {
            String crossRef = root.requireText("monitorCrossRefID");
            return new EventReport(invokeId, crossRef, XmlEventMapping.read(root, type));
        }
        Operation response = responses.get(name);
        if (response != null) {
            return new Result(invokeId, XmlResultMapping.read(root, response));
        }
        Operation request = requests.get(name);
        if (request != null) {
            return new Invoke(invokeId, XmlRequestMapping.read(root, request));
        }
        if (ERROR_ROOT.equals(name)) {
            return new Error(invokeId, readError(root));
        }
        root.consumeAll();
        boolean answerExpected = invokeId != CstaMessage.EVENT_INVOKE_ID
                && !name.endsWith("Response") && !name.endsWith("Event");
        return new Unrecognized(invokeId, "document " + name, answerExpected);
    }

    private static CstaError readError(XmlElement root) {
        for (ErrorCategory category : ErrorCategory.values()) {
            XmlElement value = root.child(category.xmlName());
            if (value != null) {
                if (category == ErrorCategory.UNSPECIFIED) {
                    value.consumeAll();
                    return CstaError.UNSPECIFIED;
                }
                int code = category.valueCode(value.text());
                if (code < 0) {
                    code = parseCode(value);
                }
                return new CstaError(category, code);
            }
        }
        throw new CstaDecodeException("no known error category in " + ERROR_ROOT, -1);
    }

    private static int parseCode(XmlElement value) {
        try {
            return Integer.parseInt(value.text());
        } catch (NumberFormatException e) {
            throw new CstaDecodeException("unknown error value '" + value.text() + "' in " + value.path(), -1);
        }
    }

    @Override
    public void encode(CstaMessage message, String namespace, ByteBuf out) {
        String document = toDocument(message, namespace == null ? XmlNamespaces.ED5 : namespace);
        int invokeId = invokeId(message);
        int start = out.writerIndex();
        out.writeShort(0).writeShort(0);
        out.writeByte('0' + invokeId / 1000).writeByte('0' + invokeId / 100 % 10)
                .writeByte('0' + invokeId / 10 % 10).writeByte('0' + invokeId % 10);
        ByteBufUtil.writeUtf8(out, document);
        int length = out.writerIndex() - start;
        if (length > XmlFrameDecoder.MAX_FRAME_LENGTH) {
            out.writerIndex(start);
            throw new IllegalArgumentException("document of " + length + " bytes exceeds the Annex J.2 length field");
        }
        out.setShort(start + 2, length);
    }

    /** The document of a message without the Annex J.2 header. */
    public String toDocument(CstaMessage message, String namespace) {
        if (message instanceof Invoke m) {
            XmlDocumentWriter w = new XmlDocumentWriter(m.request().operation().xmlName(), namespace);
            XmlRequestMapping.write(w, m.request());
            return w.finish(m.request().operation().xmlName());
        } else if (message instanceof Result m) {
            if (m.result().operation() == null) {
                throw new IllegalArgumentException("an XML response needs its operation");
            }
            String root = m.result().operation().xmlResponseName();
            XmlDocumentWriter w = new XmlDocumentWriter(root, namespace);
            XmlResultMapping.write(w, m.result());
            return w.finish(root);
        } else if (message instanceof Error m) {
            XmlDocumentWriter w = new XmlDocumentWriter(ERROR_ROOT, namespace);
            ErrorCategory category = m.error().category();
            if (category == ErrorCategory.UNSPECIFIED) {
                w.empty(category.xmlName());
            } else {
                w.element(category.xmlName(), m.error().valueName());
            }
            return w.finish(ERROR_ROOT);
        } else if (message instanceof EventReport m) {
            String root = m.event().type().xmlName();
            XmlDocumentWriter w = new XmlDocumentWriter(root, namespace);
            w.element("monitorCrossRefID", m.monitorCrossRefId());
            XmlEventMapping.write(w, m.event());
            return w.finish(root);
        }
        throw new IllegalArgumentException("ECMA-323 has no document for " + message.getClass().getSimpleName()
                + "; answer an unknown request with CSTAErrorCode instead of a reject");
    }

    private static int invokeId(CstaMessage message) {
        int invokeId;
        if (message instanceof Invoke m) {
            invokeId = m.invokeId();
        } else if (message instanceof Result m) {
            invokeId = m.invokeId();
        } else if (message instanceof Error m) {
            invokeId = m.invokeId();
        } else if (message instanceof EventReport m) {
            invokeId = m.invokeId();
        } else {
            invokeId = -1;
        }
        if (invokeId < 0 || invokeId > CstaMessage.EVENT_INVOKE_ID) {
            throw new IllegalArgumentException("invoke id " + invokeId + " does not fit four digits");
        }
        return invokeId;
    }
}
