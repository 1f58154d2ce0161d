package org.cloudgate.core.api.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * {@code cloudgate token-hash}: reads one API token from standard input (the first line) and
 * prints the salted hash to put into {@code cloudgate.api.tokens[].hash}. The token is read from
 * standard input, not from the arguments, so it stays out of the shell history and the process list.
 */
public final class TokenHashCommand {

    /** Shorter tokens are refused: a bearer token is a secret, not a password to remember. */
    public static final int MIN_TOKEN_LENGTH = 20;

    /** @return an exit code: 0, or 64 for a wrong use */
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            err.println("cloudgate token-hash: takes no arguments; it reads the token from standard input");
            return 64;
        }
        String token;
        try {
            token = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            err.println("cloudgate token-hash: cannot read standard input: " + e.getMessage());
            return 64;
        }
        if (token == null || token.isBlank()) {
            err.println("cloudgate token-hash: no token on standard input, e.g. "
                    + "head -c 32 /dev/urandom | base64 | tee token.txt | cloudgate token-hash");
            return 64;
        }
        token = token.strip();
        if (token.length() < MIN_TOKEN_LENGTH || !printable(token)) {
            err.println("cloudgate token-hash: a token needs at least " + MIN_TOKEN_LENGTH
                    + " printable ASCII characters without spaces (RFC 6750 section 2.1)");
            return 64;
        }
        out.println(TokenHash.create(token, TokenHash.DEFAULT_ITERATIONS, new SecureRandom()).encoded());
        return 0;
    }

    /** The characters of an RFC 6750 {@code b64token}, and a little more: visible ASCII. */
    private static boolean printable(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
