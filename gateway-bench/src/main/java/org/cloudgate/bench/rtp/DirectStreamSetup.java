package org.cloudgate.bench.rtp;

import java.net.InetSocketAddress;

/**
 * No relay: A sends straight to B and B to A. Measures the load generator itself (scheduling,
 * socket and loopback costs), the baseline that a relay's added latency is read against.
 */
final class DirectStreamSetup implements StreamSetup {

    @Override
    public InetSocketAddress[] open(int stream, InetSocketAddress a, InetSocketAddress b) {
        return new InetSocketAddress[] {b, a};
    }

    @Override
    public void close(int stream) {
        // Nothing was set up.
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
