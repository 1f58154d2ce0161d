package org.cloudgate.sip.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** openssl as a TLS peer: makes a self-signed certificate, and sends one request over {@code s_client}. */
final class OpensslPeer {

    private OpensslPeer() {
    }

    /** A self-signed certificate for localhost in {@code dir}, trusted by itself. */
    static TlsFiles selfSigned(Path dir) throws IOException, InterruptedException {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost")
                .redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        if (openssl.waitFor() != 0) {
            throw new IllegalStateException("openssl req failed");
        }
        return new TlsFiles(cert, key, Optional.of(cert));
    }

    /** Sends {@code request} over TLS to {@code port} on 127.0.0.1 and returns the first status line. */
    static String statusLine(int port, String request) throws IOException {
        Process client = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-quiet",
                "-servername", "localhost").redirectErrorStream(true).start();
        try (OutputStream in = client.getOutputStream()) {
            in.write(request.getBytes(StandardCharsets.UTF_8));
            in.flush();
            BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("SIP/2.0 ")) {
                    return line;
                }
            }
            return null;
        } finally {
            client.destroyForcibly();
        }
    }
}
