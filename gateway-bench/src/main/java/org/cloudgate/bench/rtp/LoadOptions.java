package org.cloudgate.bench.rtp;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options of the load tools. */
public final class LoadOptions {

    private LoadOptions() {
    }

    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value at " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    public static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
