package org.cloudgate.csta.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.cloudgate.csta.model.Operation;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {

    @Test
    void invokeIdsCycleAndSkipThoseInFlight() {
        PendingRequests pending = new PendingRequests(3);
        int first = pending.allocate();
        pending.add(first, new PendingRequests.Pending(Operation.MAKE_CALL, new CompletableFuture<>(), 0, null));
        assertThat(first).isEqualTo(1);
        assertThat(pending.allocate()).isEqualTo(2);
        assertThat(pending.allocate()).isEqualTo(3);
        assertThat(pending.allocate()).isEqualTo(2);
        pending.add(2, new PendingRequests.Pending(Operation.MAKE_CALL, new CompletableFuture<>(), 0, null));
        pending.add(3, new PendingRequests.Pending(Operation.MAKE_CALL, new CompletableFuture<>(), 0, null));
        assertThat(pending.allocate()).isEqualTo(-1);
        assertThat(pending.remove(2)).isNotNull();
        assertThat(pending.allocate()).isEqualTo(2);
        assertThat(pending.drain()).hasSize(2);
        assertThat(pending.size()).isZero();
    }
}
