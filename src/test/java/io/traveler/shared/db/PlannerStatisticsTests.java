package io.traveler.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** When a table has grown enough for its planner statistics to be refreshed at once. */
class PlannerStatisticsTests {
    @Test
    void aTableNeverAnalyzedIsAnalyzedOnceThousandsOfRowsCome() {
        assertThat(PlannerStatistics.worthAnalyzing(PlannerStatistics.MIN_ROWS, -1))
                .isTrue();
        assertThat(PlannerStatistics.worthAnalyzing(PlannerStatistics.MIN_ROWS - 1, -1))
                .isFalse();
    }

    @Test
    void aKnownTableIsAnalyzedWhenTheNewRowsAreMoreThanATenthOfWhatThePlannerBelievesItHolds() {
        assertThat(PlannerStatistics.worthAnalyzing(20_000, 2_000)).isTrue();
        assertThat(PlannerStatistics.worthAnalyzing(20_001, 200_000)).isTrue();
        assertThat(PlannerStatistics.worthAnalyzing(20_000, 200_000)).isFalse();
        assertThat(PlannerStatistics.worthAnalyzing(5_000, 1_000_000)).isFalse();
    }

    @Test
    void onlySchemaQualifiedTableNamesAreTaken() {
        var statistics = new PlannerStatistics(new org.springframework.jdbc.datasource.DriverManagerDataSource());
        assertThatThrownBy(() -> statistics.grew("production.units; drop table x", 5_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> statistics.grew("units", 5_000)).isInstanceOf(IllegalArgumentException.class);
        statistics.close();
    }
}
