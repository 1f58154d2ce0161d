package org.cloudgate.csta.codec;

/**
 * Input that does not decode as a CSTA message, with where the decoder stopped.
 *
 * <p>Thrown inside a codec only; Netty handlers and {@code csta-decode} turn it into a
 * {@link DecodeFailure}. It carries no stack trace: hostile input must stay cheap to reject.
 */
public final class CstaDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    /**
     * @param message what is wrong
     * @param offset the byte offset in the frame, or -1 if not known
     */
    public CstaDecodeException(String message, int offset) {
        super(message, null, false, false);
        this.offset = offset;
    }

    /** The byte offset in the frame where decoding stopped, or -1. */
    public int offset() {
        return offset;
    }

    /** What is wrong and where, as one line. */
    public String describe() {
        return offset >= 0 ? getMessage() + " at byte " + offset : getMessage();
    }
}
