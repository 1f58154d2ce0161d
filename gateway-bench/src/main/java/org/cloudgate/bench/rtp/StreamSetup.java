package org.cloudgate.bench.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * How the load tool gets a relay to carry one stream: given the two local endpoints, the
 * relay addresses each of them must send to.
 */
interface StreamSetup extends AutoCloseable {

    /** Where A and B send, as {@code {targetOfA, targetOfB}}. */
    InetSocketAddress[] open(int stream, InetSocketAddress a, InetSocketAddress b) throws IOException;

    void close(int stream) throws IOException;

    @Override
    void close();
}
