package dev.openqoe.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuAccountingTest {

  private static PhaseResult phase(ProcessCpu.PerRequest cpu) {
    return new PhaseResult("phase", 1, 1, 1, 1, 0, cpu);
  }

  @Test
  void theCollectorsOwnWorkIsWhatItSpendsBeyondBothJobs() {
    CpuAccounting accounting =
        CpuAccounting.of(
            phase(new ProcessCpu.PerRequest(13.3, 8.2, 10.3, 0.3)),
            phase(new ProcessCpu.PerRequest(12.1, 1.5, 0, 7.5)),
            phase(new ProcessCpu.PerRequest(15.0, 1.5, 0, 9.5)),
            phase(new ProcessCpu.PerRequest(39.4, 11.4, 10.6, 7.2)));

    assertThat(accounting.bothJobs()).isCloseTo(23.9 + 19.6, within(1e-9));
    assertThat(accounting.ownWork()).isCloseTo(57.2 - 43.5, within(1e-9));
  }

  @Test
  void theOwnWorkSplitsIntoSmallerKafkaBatchesAndTheCollectorsCode() {
    CpuAccounting accounting = new CpuAccounting(30, 20, 26, 70);

    assertThat(accounting.smallBatches()).isCloseTo(6, within(1e-9));
    assertThat(accounting.ownCode()).isCloseTo(70 - 30 - 26, within(1e-9));
    assertThat(accounting.smallBatches() + accounting.ownCode()).isEqualTo(accounting.ownWork());
  }

  @Test
  void withoutOwnWorkTheRatioIsTheDearerJobsShareOfBoth() {
    CpuAccounting httpDearer = new CpuAccounting(30, 10, 10, 60);
    CpuAccounting kafkaDearer = new CpuAccounting(10, 30, 30, 60);

    assertThat(httpDearer.bestRatio()).isCloseTo(0.75, within(1e-9));
    assertThat(kafkaDearer.bestRatio()).isCloseTo(0.75, within(1e-9));
    assertThat(new CpuAccounting(20, 20, 20, 60).bestRatio()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void theOwnWorkBudgetReachesTheRatioExactlyAndIsNegativeWhenOutOfReach() {
    CpuAccounting accounting = new CpuAccounting(23.9, 19.6, 19.6, 57.2);

    double budget = accounting.ownWorkBudget(0.5);
    assertThat(budget).isCloseTo(4.3, within(1e-9));
    double collectorAtBudget = accounting.bothJobs() + budget;
    assertThat(accounting.bareHttp() / collectorAtBudget).isCloseTo(0.5, within(1e-9));
    assertThat(accounting.ownWorkBudget(0.6)).isNegative();
  }

  @Test
  void aBrokerThatWasNotReadCountsAsNothing() {
    assertThat(new ProcessCpu.PerRequest(10, 5, 4, Double.NaN).total()).isEqualTo(14);
  }

  @Test
  void noAccountingWhenAPhaseHasNoCpuFigures() {
    PhaseResult measured = phase(new ProcessCpu.PerRequest(10, 5, 4, 1));

    assertThat(CpuAccounting.of(measured, measured, phase(null), measured)).isNull();
  }
}
