package org.cloudgate.sip.codec;

import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cloudgate.sip.message.SipRejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused input at most {@value #PER_INTERVAL} times per {@value #INTERVAL_SECONDS}
 * seconds, then says how many were not logged. One line each, no stack trace: a flood of
 * garbage must not become a flood of log. The counters carry the full numbers.
 */
final class MalformedInputLog {
    private static final Logger LOG = LoggerFactory.getLogger(MalformedInputLog.class);
    private static final int PER_INTERVAL = 10;
    private static final long INTERVAL_SECONDS = 10;
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS);

    private final AtomicLong intervalStart = new AtomicLong(System.nanoTime());
    private final AtomicLong loggedInInterval = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    void refused(String transport, SocketAddress peer, SipRejection reason) {
        long now = System.nanoTime();
        long start = intervalStart.get();
        if (now - start > INTERVAL_NANOS && intervalStart.compareAndSet(start, now)) {
            loggedInInterval.set(0);
            long missed = suppressed.getAndSet(0);
            if (missed > 0) {
                LOG.warn("{} more malformed SIP inputs were not logged", missed);
            }
        }
        if (loggedInInterval.incrementAndGet() <= PER_INTERVAL) {
            LOG.warn("malformed SIP input over {} from {}: {} ({})", transport, peer, reason.reasonPhrase(), reason.tag());
        } else {
            suppressed.incrementAndGet();
        }
    }
}
