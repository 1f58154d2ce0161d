package org.cloudgate.distribution;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlNamesTest {

    @Test
    void aSelectorWithMatchersAndARange() {
        assertThat(PromQlNames.in("increase(cloudgate_config_reloads_total{job=\"cloudgate\",result=\"failure\"}[15m]) > 0"))
                .containsExactly("cloudgate_config_reloads_total");
    }

    @Test
    void aggregationsGroupingAndArithmeticKeepOnlyTheMetrics() {
        assertThat(PromQlNames.in("sum by (instance, gc) (rate(jvm_gc_pause_seconds_sum{instance=~\"$instance\"}"
                + "[$__rate_interval])) / on (instance) group_left system_cpu_count > 1e3 and up offset 5m"))
                .containsExactly("jvm_gc_pause_seconds_sum", "system_cpu_count", "up");
    }

    @Test
    void numbersDurationsStringsAndGrafanaVariablesAreNotMetrics() {
        assertThat(PromQlNames.in("process_resident_memory_bytes{instance=~\"${instance}\"} > 450 * 1024 * 1024"))
                .containsExactly("process_resident_memory_bytes");
        assertThat(PromQlNames.in("label_replace(x_total, \"a\", \"$1\", \"b\", \"(.*)\")")).containsExactly("x_total");
    }
}
