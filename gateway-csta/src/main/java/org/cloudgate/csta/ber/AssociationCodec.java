package org.cloudgate.csta.ber;

import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaMessage.AssociationRequest;
import org.cloudgate.csta.model.CstaMessage.AssociationResponse;

/**
 * The ACSE association exchange that opens a CSTA BER session (ITU-T X.227 / X.217,
 * ECMA-285 clause 7).
 *
 * <p>The AARQ carries the CSTA application context, the configured user name as
 * {@code calling-AP-title} (form 3, a PrintableString), the {@code authentication}
 * functional unit in {@code sender-acse-requirements} and the password as
 * {@code calling-authentication-value charstring}. The AARE carries {@code result} and the
 * {@code acse-service-user} diagnostic.
 */
final class AssociationCodec {

    private static final int AARQ = 0x60;
    private static final int AARE = 0x61;
    /** {@code protocol-version [0] IMPLICIT BIT STRING { version1 (0) }}: one bit, 7 unused. */
    private static final byte[] VERSION_1 = {0x07, (byte) 0x80};
    /** {@code sender-acse-requirements [10] IMPLICIT BIT STRING { authentication (0) }}. */
    private static final byte[] AUTHENTICATION = {0x07, (byte) 0x80};

    private AssociationCodec() {
    }

    static void writeRequest(BerWriter w, AssociationRequest request, byte[] applicationContext) {
        w.start(AARQ)
                .writeBytes(BerTag.context(0), VERSION_1)
                .start(BerTag.contextConstructed(1)).writeBytes(BerTag.OBJECT_IDENTIFIER, applicationContext).end()
                .start(BerTag.contextConstructed(6)).writeString(BerTag.PRINTABLE_STRING, request.user()).end()
                .writeBytes(BerTag.context(10), AUTHENTICATION)
                .start(BerTag.contextConstructed(12)).writeString(BerTag.context(0), request.password()).end()
                .end();
    }

    static void writeResponse(BerWriter w, AssociationResponse response, byte[] applicationContext) {
        w.start(AARE)
                .writeBytes(BerTag.context(0), VERSION_1)
                .start(BerTag.contextConstructed(1)).writeBytes(BerTag.OBJECT_IDENTIFIER, applicationContext).end()
                .start(BerTag.contextConstructed(2)).writeInt(BerTag.INTEGER, response.accepted() ? 0 : 1).end()
                .start(BerTag.contextConstructed(3))
                .start(BerTag.contextConstructed(1)).writeInt(BerTag.INTEGER, response.diagnostic()).end()
                .end()
                .end();
    }

    static CstaMessage readRequest(BerReader r) {
        r.enter(AARQ);
        String user = "";
        String password = "";
        while (r.hasMore()) {
            int tag = r.peekTag();
            if (tag == BerTag.contextConstructed(6)) {
                r.enter(tag);
                user = r.readString(r.peekTag());
                r.exit();
            } else if (tag == BerTag.contextConstructed(12)) {
                r.enter(tag);
                password = r.readString(r.peekTag());
                r.exit();
            } else {
                r.pass();
            }
        }
        r.exit();
        return new AssociationRequest(user, password);
    }

    static CstaMessage readResponse(BerReader r) {
        r.enter(AARE);
        int result = -1;
        int diagnostic = 0;
        while (r.hasMore()) {
            int tag = r.peekTag();
            if (tag == BerTag.contextConstructed(2)) {
                r.enter(tag);
                result = r.readInt(BerTag.INTEGER);
                r.exit();
            } else if (tag == BerTag.contextConstructed(3)) {
                r.enter(tag);
                int source = r.peekTag();
                r.enter(source);
                diagnostic = r.readInt(BerTag.INTEGER);
                r.exit();
                r.exit();
            } else {
                r.pass();
            }
        }
        r.exit();
        if (result < 0) {
            throw r.fail("AARE without result");
        }
        return new AssociationResponse(result == 0, diagnostic);
    }
}
