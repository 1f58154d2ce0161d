package org.cloudgate.csta.decode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cloudgate.csta.ber.BerCstaCodec;
import org.cloudgate.csta.codec.CstaDecodeException;
import org.cloudgate.csta.codec.Inbound;
import org.cloudgate.csta.xml.XmlCstaCodec;

/**
 * {@code cloudgate csta-decode [--encoding xml|ber] FILE...}: decodes raw CSTA messages taken
 * from captures and prints one JSON line per file, or {@code <file>: error: <what, where>}.
 *
 * <p>XML files may carry the ECMA-323 Annex J.2 header or be a bare document; BER files may be
 * binary or hex text (whitespace, colons and commas between the octets are ignored). Without
 * {@code --encoding} each file's encoding is guessed from its first octets. Exit status: 0 when
 * every file decoded, 1 when one did not, 64 (EX_USAGE) for bad arguments.
 */
public final class CstaDecode {

    /** Every file decoded. */
    public static final int OK = 0;
    /** At least one file did not decode. */
    public static final int FAILED = 1;
    /** Bad arguments (sysexits.h EX_USAGE). */
    public static final int USAGE = 64;

    private static final String USAGE_TEXT = "usage: cloudgate csta-decode [--encoding xml|ber] FILE...";

    private final XmlCstaCodec xml = new XmlCstaCodec();
    private final BerCstaCodec ber = new BerCstaCodec();

    /** Runs the command as the launcher does, with the process's streams and exit status. */
    public static void main(String[] args) {
        System.exit(new CstaDecode().run(List.of(args), System.out, System.err));
    }

    /**
     * Runs the command.
     *
     * @return the exit status: {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String encoding = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--encoding") && i + 1 < args.size()) {
                encoding = args.get(++i);
            } else if (arg.startsWith("--encoding=")) {
                encoding = arg.substring("--encoding=".length());
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                err.println("csta-decode: unknown option " + arg);
                err.println(USAGE_TEXT);
                return USAGE;
            } else {
                files.add(arg);
            }
        }
        if (encoding != null && !encoding.equals("xml") && !encoding.equals("ber")) {
            err.println("csta-decode: --encoding must be xml or ber, not " + encoding);
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (files.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        int status = OK;
        for (String file : files) {
            if (!decodeFile(file, encoding, out, err)) {
                status = FAILED;
            }
        }
        return status;
    }

    private boolean decodeFile(String file, String requested, PrintStream out, PrintStream err) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(file));
        } catch (IOException | RuntimeException e) {
            err.println(file + ": error: cannot read: " + e.getMessage());
            return false;
        }
        String encoding = requested != null ? requested : CaptureFormat.guessEncoding(bytes);
        try {
            Inbound inbound = encoding.equals("xml") ? decodeXml(bytes) : decodeBer(bytes);
            out.println(new MessageJson().open()
                    .member("file", file)
                    .member("encoding", encoding)
                    .member("namespace", inbound.namespace())
                    .member("ignoredElements", inbound.ignoredElements())
                    .member("message", inbound.message())
                    .close());
            return true;
        } catch (CstaDecodeException e) {
            err.println(file + ": error: " + e.describe());
        } catch (RuntimeException e) {
            err.println(file + ": error: invalid content: " + e.getMessage());
        }
        return false;
    }

    private Inbound decodeXml(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        return CaptureFormat.hasAnnexJ2Header(bytes) ? xml.decode(buf) : xml.decodeDocument(buf, -1);
    }

    private Inbound decodeBer(byte[] bytes) {
        byte[] binary = CaptureFormat.isHexText(bytes) ? CaptureFormat.parseHex(bytes) : bytes;
        return ber.decode(Unpooled.wrappedBuffer(binary));
    }
}
