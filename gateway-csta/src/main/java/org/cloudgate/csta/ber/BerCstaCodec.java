package org.cloudgate.csta.ber;

import static org.cloudgate.csta.ber.BerTag.contextConstructed;

import io.netty.buffer.ByteBuf;
import org.cloudgate.csta.codec.CstaCodec;
import org.cloudgate.csta.codec.Inbound;
import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaMessage.AssociationRequest;
import org.cloudgate.csta.model.CstaMessage.AssociationResponse;
import org.cloudgate.csta.model.CstaMessage.Error;
import org.cloudgate.csta.model.CstaMessage.EventReport;
import org.cloudgate.csta.model.CstaMessage.Invoke;
import org.cloudgate.csta.model.CstaMessage.Reject;
import org.cloudgate.csta.model.CstaMessage.Result;
import org.cloudgate.csta.model.CstaMessage.Unrecognized;
import org.cloudgate.csta.model.CstaResult;
import org.cloudgate.csta.model.ErrorCategory;
import org.cloudgate.csta.model.EventType;
import org.cloudgate.csta.model.Operation;
import org.cloudgate.csta.model.RejectProblem;

/**
 * The ECMA-285 BER encoding: ROSE PDUs (ITU-T X.880: invoke {@code [1]}, returnResult
 * {@code [2]}, returnError {@code [3]}, reject {@code [4]}, implicit tags) carrying the CSTA
 * operations, and the ACSE AARQ/AARE (ITU-T X.227) that open the session.
 *
 * <p>A frame is exactly one outer TLV. The reader works over the frame without copying and
 * skips, counting them, the optional fields the model does not hold.
 */
public final class BerCstaCodec implements CstaCodec {

    /** Deepest nesting accepted; the deepest supported message needs about ten levels. */
    public static final int MAX_DEPTH = 24;

    /** ACSE application-context-name for CSTA: {1 3 12 0 285 200} (ECMA-285 clause 7). */
    private static final byte[] CSTA_APPLICATION_CONTEXT = {0x2B, 0x0C, 0x00, (byte) 0x82, 0x1D, (byte) 0x81, 0x48};

    private static final int INVOKE = 0xA1;
    private static final int RETURN_RESULT = 0xA2;
    private static final int RETURN_ERROR = 0xA3;
    private static final int REJECT = 0xA4;
    private static final int AARQ = 0x60;
    private static final int AARE = 0x61;
    /** {@code universalFailure ERROR ::= { CODE local:1 }} (CSTA-error-definition). */
    private static final int UNIVERSAL_FAILURE = 1;

    @Override
    public Inbound decode(ByteBuf frame) {
        BerReader r = new BerReader(frame, frame.readerIndex(), frame.writerIndex(), MAX_DEPTH);
        int tag = r.peekTag();
        CstaMessage message = switch (tag) {
            case INVOKE -> readInvoke(r);
            case RETURN_RESULT -> readReturnResult(r);
            case RETURN_ERROR -> readReturnError(r);
            case REJECT -> readReject(r);
            case AARQ -> AssociationCodec.readRequest(r);
            case AARE -> AssociationCodec.readResponse(r);
            case -1 -> throw r.fail("empty frame");
            default -> throw r.fail("not a ROSE or ACSE PDU: tag " + BerReader.hex(tag));
        };
        if (r.hasMore()) {
            throw r.fail("bytes after the end of the PDU");
        }
        return new Inbound(message, r.ignored(), null);
    }

    @Override
    public void encode(CstaMessage message, String namespace, ByteBuf out) {
        BerWriter w = new BerWriter();
        write(w, message);
        w.writeTo(out);
    }

    /** Encodes a message to a new array, e.g. for test vectors. */
    public byte[] encode(CstaMessage message) {
        BerWriter w = new BerWriter();
        write(w, message);
        return w.toByteArray();
    }

    private static void write(BerWriter w, CstaMessage message) {
        if (message instanceof Invoke m) {
            w.start(INVOKE).writeInt(BerTag.INTEGER, m.invokeId())
                    .writeInt(BerTag.INTEGER, m.request().operation().code());
            BerRequestCodec.write(w, m.request());
            w.end();
        } else if (message instanceof EventReport m) {
            w.start(INVOKE).writeInt(BerTag.INTEGER, m.invokeId())
                    .writeInt(BerTag.INTEGER, Operation.EVENT_REPORT_CODE)
                    .start(BerTag.SEQUENCE)
                    .writeString(BerTag.MONITOR_CROSS_REF_ID, m.monitorCrossRefId());
            BerEventCodec.write(w, m.event());
            w.end().end();
        } else if (message instanceof Result m) {
            writeResult(w, m.invokeId(), m.result());
        } else if (message instanceof Error m) {
            writeError(w, m.invokeId(), m.error());
        } else if (message instanceof Reject m) {
            w.start(REJECT);
            if (m.invokeId() >= 0) {
                w.writeInt(BerTag.INTEGER, m.invokeId());
            } else {
                w.writeNull(BerTag.NULL);
            }
            w.writeInt(BerTag.context(m.problem().tag()), m.problem().code()).end();
        } else if (message instanceof AssociationRequest m) {
            AssociationCodec.writeRequest(w, m, CSTA_APPLICATION_CONTEXT);
        } else if (message instanceof AssociationResponse m) {
            AssociationCodec.writeResponse(w, m, CSTA_APPLICATION_CONTEXT);
        } else {
            throw new IllegalArgumentException("cannot encode " + message);
        }
    }

    private static void writeResult(BerWriter w, int invokeId, CstaResult result) {
        w.start(RETURN_RESULT).writeInt(BerTag.INTEGER, invokeId);
        if (result.operation() != null) {
            w.start(BerTag.SEQUENCE).writeInt(BerTag.INTEGER, result.operation().code());
            BerResultCodec.write(w, result);
            w.end();
        }
        w.end();
    }

    /** {@code returnError { invokeId, errcode local:1, UniversalFailure }} (X.880, CSTA-error-definition). */
    private static void writeError(BerWriter w, int invokeId, CstaError error) {
        w.start(RETURN_ERROR).writeInt(BerTag.INTEGER, invokeId).writeInt(BerTag.INTEGER, UNIVERSAL_FAILURE)
                .start(contextConstructed(error.category().tag()));
        if (error.category() == ErrorCategory.UNSPECIFIED) {
            w.writeNull(BerTag.NULL);
        } else {
            w.writeInt(BerTag.ENUMERATED, error.code());
        }
        w.end().end();
    }

    private static CstaMessage readInvoke(BerReader r) {
        r.enter(INVOKE);
        int invokeId = r.readInt(BerTag.INTEGER);
        if (r.at(BerTag.context(0))) {
            r.skip();
        }
        if (!r.at(BerTag.INTEGER)) {
            r.exit();
            return new Unrecognized(invokeId, "global operation code", true);
        }
        int code = r.readInt(BerTag.INTEGER);
        CstaMessage message;
        if (code == Operation.EVENT_REPORT_CODE) {
            message = readEventReport(r, invokeId);
        } else {
            Operation operation = Operation.ofCode(code);
            message = operation == null
                    ? new Unrecognized(invokeId, "operation " + code, true)
                    : new Invoke(invokeId, BerRequestCodec.read(r, operation));
        }
        r.exit();
        return message;
    }

    /** {@code CSTAEventReportArgument ::= SEQUENCE { crossRefIdentifier, eventSpecificInfo }}. */
    private static CstaMessage readEventReport(BerReader r, int invokeId) {
        r.enter(BerTag.SEQUENCE);
        String crossRef = r.readString(BerTag.MONITOR_CROSS_REF_ID);
        int categoryTag = r.peekTag();
        if ((categoryTag & 0xE0) != 0xA0) {
            throw r.fail("expected an event category, found tag " + BerReader.hex(categoryTag));
        }
        r.enter(categoryTag);
        int eventTag = r.peekTag();
        EventType type = (eventTag & 0xE0) == 0xA0 ? EventType.of(categoryTag & 0x1F, eventTag & 0x1F) : null;
        CstaMessage message;
        if (type == null) {
            message = new Unrecognized(invokeId, "event [" + (categoryTag & 0x1F) + "] " + BerReader.hex(eventTag), false);
        } else {
            r.enter(eventTag);
            CstaEvent event = BerEventCodec.read(r, type);
            r.exit();
            message = new EventReport(invokeId, crossRef, event);
        }
        r.exit();
        r.exit();
        return message;
    }

    private static CstaMessage readReturnResult(BerReader r) {
        r.enter(RETURN_RESULT);
        int invokeId = r.readInt(BerTag.INTEGER);
        CstaMessage message;
        if (!r.hasMore()) {
            message = new Result(invokeId, new CstaResult.Acknowledgement(null));
        } else {
            r.enter(BerTag.SEQUENCE);
            int code = r.readInt(BerTag.INTEGER);
            Operation operation = Operation.ofCode(code);
            message = operation == null
                    ? new Unrecognized(invokeId, "result of operation " + code, false)
                    : new Result(invokeId, BerResultCodec.read(r, operation));
            r.exit();
        }
        r.exit();
        return message;
    }

    private static CstaMessage readReturnError(BerReader r) {
        r.enter(RETURN_ERROR);
        int invokeId = r.readInt(BerTag.INTEGER);
        int errorCode = r.readInt(BerTag.INTEGER);
        if (errorCode != UNIVERSAL_FAILURE) {
            r.exit();
            return new Unrecognized(invokeId, "error code " + errorCode, false);
        }
        int tag = r.peekTag();
        ErrorCategory category = (tag & 0xE0) == 0xA0 ? ErrorCategory.ofTag(tag & 0x1F) : null;
        if (category == null) {
            throw r.fail("not a UniversalFailure alternative: tag " + BerReader.hex(tag));
        }
        r.enter(tag);
        int code = 0;
        if (category != ErrorCategory.UNSPECIFIED) {
            code = r.readInt(BerTag.ENUMERATED);
        } else if (r.hasMore()) {
            r.pass();
        }
        r.exit();
        r.exit();
        return new Error(invokeId, new CstaError(category, code));
    }

    private static CstaMessage readReject(BerReader r) {
        r.enter(REJECT);
        int invokeId = -1;
        if (r.at(BerTag.NULL)) {
            r.readNull(BerTag.NULL);
        } else {
            invokeId = r.readInt(BerTag.INTEGER);
        }
        int tag = r.peekTag();
        if (tag < 0x80 || tag > 0x83) {
            throw r.fail("not a reject problem: tag " + BerReader.hex(tag));
        }
        int code = r.readInt(tag);
        RejectProblem problem = RejectProblem.of(tag & 0x1F, code);
        if (problem == null) {
            throw r.fail("unknown reject problem " + code);
        }
        r.exit();
        return new Reject(invokeId, problem);
    }
}
