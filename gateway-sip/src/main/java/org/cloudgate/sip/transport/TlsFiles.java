package org.cloudgate.sip.transport;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the TLS listener finds its certificate chain and private key (PEM), and which
 * certificates it trusts when it connects out (PEM; empty means the system's trust store).
 */
public record TlsFiles(Path certificateChain, Path privateKey, Optional<Path> trustedCertificates) {
}
