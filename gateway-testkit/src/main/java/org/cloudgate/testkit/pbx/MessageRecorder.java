package org.cloudgate.testkit.pbx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every SIP message the simulated PBX received or sent, in order, for tests to inspect from any
 * thread. Retransmissions the transaction layer absorbs or resends are not repeated here: each
 * message appears as the PBX's user agent saw or wrote it.
 */
public final class MessageRecorder {

    private final List<RecordedMessage> messages = new CopyOnWriteArrayList<>();

    void record(RecordedMessage message) {
        messages.add(message);
    }

    /** Everything so far, oldest first. */
    public List<RecordedMessage> messages() {
        return List.copyOf(messages);
    }

    /** The requests with {@code method} the PBX received. */
    public List<RecordedMessage> received(String method) {
        return messages.stream().filter(m -> m.direction() == RecordedMessage.Direction.RECEIVED && m.isRequest()
                && m.method().equals(method)).toList();
    }

    /** The responses the PBX sent to requests with {@code method}. */
    public List<RecordedMessage> answered(String method) {
        return messages.stream().filter(m -> m.direction() == RecordedMessage.Direction.SENT && !m.isRequest()
                && m.method().equals(method)).toList();
    }

    /** Forgets everything recorded so far. */
    public void clear() {
        messages.clear();
    }
}
