package org.cloudgate.csta.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cloudgate.csta.CstaSamples;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.CstaMessage.EventReport;
import org.junit.jupiter.api.Test;

class EventRouterTest {

    @Test
    void routesByCrossReferenceAndCountsTheRest() {
        EventRouter router = new EventRouter();
        List<CstaEvent> received = new ArrayList<>();
        router.register("M201", received::add);
        EventReport delivered = (EventReport) CstaSamples.events().get("delivered-event");
        assertThat(router.dispatch(delivered)).isTrue();
        assertThat(router.dispatch(new EventReport(9999, "M999", delivered.event()))).isFalse();
        router.unregister("M201");
        assertThat(router.dispatch(delivered)).isFalse();
        assertThat(received).containsExactly(delivered.event());
        assertThat(router.unroutable()).isEqualTo(2);
    }
}
