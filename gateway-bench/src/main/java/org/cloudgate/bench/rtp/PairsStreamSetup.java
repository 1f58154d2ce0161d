package org.cloudgate.bench.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams toward relay ports configured beforehand, one line per stream in a file:
 * {@code <host>:<port A sends to> <host>:<port B sends to>}. The relay must latch (learn each
 * endpoint from its first packet), since it is told nothing about the endpoints.
 */
final class PairsStreamSetup implements StreamSetup {

    private final List<InetSocketAddress[]> pairs = new ArrayList<>();

    PairsStreamSetup(Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            pairs.add(new InetSocketAddress[] {LoadOptions.address(fields[0]), LoadOptions.address(fields[1])});
        }
    }

    @Override
    public InetSocketAddress[] open(int stream, InetSocketAddress a, InetSocketAddress b) throws IOException {
        if (stream >= pairs.size()) {
            throw new IOException("pairs file has only " + pairs.size() + " streams");
        }
        return pairs.get(stream);
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
