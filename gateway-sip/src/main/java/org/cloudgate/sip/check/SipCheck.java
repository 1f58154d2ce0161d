package org.cloudgate.sip.check;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cloudgate.sip.codec.SipDatagramFraming;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRejection;

/**
 * The {@code cloudgate sip-check [--oracle FILE.tsv] FILE...} command: runs raw message files
 * through the gateway's syntax layer, each file as one datagram, and says which messages would
 * reach the application.
 *
 * <p>Output, one line per file, tab-separated: {@code FILE accept} or
 * {@code FILE reject STATUS REASON} (STATUS is what a request is answered with; REASON the
 * metric tag). With {@code --oracle}, a TSV with header columns {@code file} and
 * {@code expected} ({@code accept}/{@code reject}), each mismatch is printed as
 * {@code MISMATCH FILE expected X got Y} and the run ends with {@code N passed, M failed}.
 * Exit status: 0 when every file was read (and matched the oracle), 1 on a mismatch or an
 * unreadable file, 64 on bad arguments.
 */
public final class SipCheck {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 64;
    private static final String USAGE_TEXT = "usage: cloudgate sip-check [--oracle FILE.tsv] FILE...";

    private final SipDatagramFraming framing = new SipDatagramFraming(SipDecoderConfig.DEFAULTS);

    /** Runs the command; returns the exit status. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Path oracleFile = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--oracle") && i + 1 < args.size() && oracleFile == null) {
                oracleFile = Path.of(args.get(++i));
            } else if (arg.startsWith("-")) {
                err.println(USAGE_TEXT);
                return USAGE;
            } else {
                files.add(Path.of(arg));
            }
        }
        if (files.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        Map<String, String> oracle;
        try {
            oracle = oracleFile == null ? Map.of() : readOracle(oracleFile);
        } catch (IOException | IllegalArgumentException e) {
            err.println("sip-check: cannot read oracle " + oracleFile + ": " + e.getMessage());
            return USAGE;
        }
        return check(files, oracleFile != null, oracle, out, err);
    }

    private int check(List<Path> files, boolean compare, Map<String, String> oracle, PrintStream out, PrintStream err) {
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            String verdict;
            try {
                verdict = verdict(Files.readAllBytes(file));
            } catch (IOException e) {
                err.println("sip-check: cannot read " + file + ": " + e.getMessage());
                failed++;
                continue;
            }
            out.println(file + "\t" + verdict);
            if (compare) {
                String expected = oracle.getOrDefault(file.getFileName().toString(), "(not in oracle)");
                String got = verdict.startsWith("accept") ? "accept" : "reject";
                if (got.equals(expected)) {
                    passed++;
                } else {
                    out.println("MISMATCH\t" + file + "\texpected " + expected + "\tgot " + got);
                    failed++;
                }
            }
        }
        if (compare) {
            out.println(passed + " passed, " + failed + " failed");
        }
        return failed == 0 ? OK : FAILED;
    }

    /** {@code accept}, or {@code reject<TAB>STATUS REASON} for one message's octets. */
    public String verdict(byte[] octets) {
        ByteBuf datagram = Unpooled.wrappedBuffer(octets);
        try {
            SipDatagramFraming.Result result = framing.frame(datagram);
            SipMessage message = result.message();
            SipRejection rejection = message == null ? result.dropped() : message.rejection();
            if (message != null) {
                message.release();
            }
            if (message == null && rejection == null) {
                rejection = SipRejection.NOT_SIP;
            }
            return rejection == null ? "accept" : "reject\t" + rejection.status() + " " + rejection.tag();
        } finally {
            datagram.release();
        }
    }

    private static Map<String, String> readOracle(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        List<String> columns = List.of(lines.get(0).split("\t"));
        int fileColumn = columns.indexOf("file");
        int expectedColumn = columns.indexOf("expected");
        if (fileColumn < 0 || expectedColumn < 0) {
            throw new IllegalArgumentException("needs columns 'file' and 'expected'");
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t");
            if (cells.length > Math.max(fileColumn, expectedColumn)) {
                expected.put(cells[fileColumn], cells[expectedColumn]);
            }
        }
        return expected;
    }
}
