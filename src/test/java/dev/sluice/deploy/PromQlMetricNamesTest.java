package dev.sluice.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.testing.PromQlMetricNames;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The metric-name extraction the dashboard and alert checks rely on: names in, labels and functions out. */
class PromQlMetricNamesTest {

    @Test
    void aHistogramQuantileReadsItsBucketSeriesOnly() {
        assertEquals(Set.of("sluice_ttft_seconds_bucket"), PromQlMetricNames.of(
                "histogram_quantile(0.99, sum by (le, model) (rate(sluice_ttft_seconds_bucket"
                        + "{job=~\"$job\",model=~\"$model\"}[$__rate_interval])))"));
    }

    @Test
    void bothSidesOfABinaryOperationAndABareSelector() {
        assertEquals(Set.of("sluice_streams_outcomes_total", "up", "jvm_memory_max_bytes"), PromQlMetricNames.of(
                "sum(rate(sluice_streams_outcomes_total{outcome!~\"stop|by(x)\"}[5m])) / ignoring(outcome) "
                        + "sum(rate(sluice_streams_outcomes_total[5m] offset 1h)) > 0.05 or up == bool 0 "
                        + "unless on (instance) group_left (pod) jvm_memory_max_bytes > 1e3"));
    }

    @Test
    void labelValuesNamesItsMetricNotItsLabel() {
        assertEquals(Set.of("sluice_streams_outcomes_total"), PromQlMetricNames.of(
                "label_values(sluice_streams_outcomes_total{job=~\"$job\",provider=~\"$provider\"}, model)"));
        assertEquals(Set.of(), PromQlMetricNames.of("label_values(job)"));
    }

    @Test
    void labelNamesInWithoutAndSubqueriesAreNotMetrics() {
        assertEquals(Set.of("jvm_gc_pause_seconds_sum"), PromQlMetricNames.of(
                "max_over_time(sum without (gc, action) (rate(jvm_gc_pause_seconds_sum[1m]))[1h:5m])"));
    }
}
