package org.cloudgate.core.config;

/**
 * The Netty event loops every network component shares.
 *
 * @param threads         number of loops; 0 means one per available processor
 * @param nativeTransport use Linux epoll when its native library loads, NIO otherwise
 */
public record EventLoopSettings(int threads, boolean nativeTransport) {

    static EventLoopSettings read(SettingsReader r) {
        return new EventLoopSettings((int) r.integer("cloudgate.event-loops.threads", 0, 256),
                r.bool("cloudgate.event-loops.native-transport"));
    }

    /** The number of loops to start on this machine. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
