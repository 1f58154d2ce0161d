package org.cloudgate.distribution;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API over TLS, with a certificate made by the test for 127.0.0.1: a client that trusts it
 * gets answers, one that does not fails the handshake, and plain HTTP gets nothing.
 */
@Timeout(120)
class DaemonApiTlsIT {

    @TempDir
    Path dir;

    @Test
    void theApiAnswersOverTlsWithTheConfiguredCertificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X509Certificate certificate = selfSigned(keys);
        Path certificateFile = Files.writeString(dir.resolve("api.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Path keyFile = Files.writeString(dir.resolve("api.key"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));

        String operatorToken = "made-by-the-operator-5c1e9a7b3d";
        Path tokenFile = Files.writeString(dir.resolve("operator.token"), operatorToken + "\n");
        String operatorHash;
        try (CloudgateProcess hash = CloudgateProcess.start(dir, new ProcessBuilder(
                CloudgateProcess.launcher().toString(), "token-hash").redirectInput(tokenFile.toFile()))) {
            assertThat(hash.awaitExit(Duration.ofSeconds(30))).as(hash.output()).isZero();
            operatorHash = hash.output().strip();
        }
        assertThat(operatorHash).startsWith("pbkdf2-sha256$600000$").doesNotContain(operatorToken);

        Path config = Files.writeString(dir.resolve("cloudgate.conf"), """
                cloudgate {
                  admin.port = 0
                  sip { bind = "127.0.0.1", udp.port = 0, tcp.port = 0 }
                  api {
                    enabled = true
                    port = 0
                    tls { enabled = true, certificate = "%s", key = "%s" }
                    %s
                    tokens += { name = "operator", hash = "%s", scopes = [read] }
                  }
                  directory.users = [ { extension = "201", name = "Alice Example", email = "alice@example.com", password = "a" } ]
                }
                """.formatted(certificateFile, keyFile, DaemonApiIT.tokens(), operatorHash));
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
            daemon.awaitReady();
            String base = DaemonApiIT.apiUrl(daemon);
            assertThat(base).startsWith("https://127.0.0.1:");

            ApiClient trusting = new ApiClient(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(trusting(certificate)).connectTimeout(Duration.ofSeconds(5)).build());
            ApiClient.Answer user = trusting.get("/api/v1/users/{id}", Map.of("id", "201"), DaemonApiIT.READER);
            assertThat(user.status()).isEqualTo(200);
            assertThat(user.body().get("name").asText()).isEqualTo("Alice Example");
            assertThat(user.body().has("presence")).as("no CSTA, no presence").isFalse();
            assertThat(trusting.get("/api/v1/users", Map.of(), null).status()).isEqualTo(401);
            assertThat(trusting.get("/api/v1/users", Map.of(), operatorToken).status())
                    .as("a token hashed by cloudgate token-hash").isEqualTo(200);
            assertThat(daemon.output()).doesNotContain(operatorToken).doesNotContain(operatorHash);

            HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/users"))
                    .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
            HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create(base.replace("https:", "http:")
                    + "/api/v1/users")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=cloudgate API test");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(keys.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("api", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
