package dev.openqoe.warehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qoe sql} end to end over real Iceberg tables: output, parameters, errors, exit codes. */
class SqlCommandIT {

  @TempDir static Path dataDir;

  @BeforeAll
  static void writeSampleWarehouse() {
    SampleWarehouse.create(dataDir);
  }

  @Test
  void printsAnAlignedTableWithNullsRowCountAndTime() {
    QoeCli result =
        QoeCli.run(
            "sql",
            "--data-dir",
            dataDir.toString(),
            "SELECT cdn, SUM(sessions) AS sessions FROM dws.qoe_hour"
                + " WHERE country <> 'DE' GROUP BY cdn ORDER BY sessions DESC");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out().lines().toList()).first().isEqualTo("+--------+----------+");
    assertThat(result.out())
        .contains(
            """
            +--------+----------+
            | cdn    | sessions |
            +--------+----------+
            | akamai |      120 |
            | <null> |        2 |
            +--------+----------+
            2 rows in\s""");
    assertThat(result.out().lines().reduce((first, second) -> second).orElseThrow())
        .matches("2 rows in \\d+\\.\\d\\d s");
  }

  @Test
  void writesCsvWithAHeaderAndEmptyNulls() {
    QoeCli result =
        QoeCli.run(
            "sql",
            "--data-dir",
            dataDir.toString(),
            "--format",
            "csv",
            "SELECT cdn, country FROM dws.qoe_hour WHERE country IN ('FR', 'DE') ORDER BY country");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("cdn,country\r\nfastly,DE\r\n,FR\r\n");
  }

  @Test
  void fillsParametersSoAQueryFileCanLookFurtherBack() {
    QoeCli result =
        QoeCli.run(
            "sql",
            "--data-dir",
            dataDir.toString(),
            "--format",
            "csv",
            "--file",
            "queries/qoe_by_cdn_and_country.sql",
            "--param",
            "hours=720");

    assertThat(result.err()).isEmpty();
    assertThat(result.out().lines().skip(1).findFirst().orElseThrow())
        .startsWith("akamai,US,120,120,118,");
  }

  @Test
  void reportsASqlMistakeOnOneLineWithExitCode1() {
    QoeCli result =
        QoeCli.run("sql", "--data-dir", dataDir.toString(), "SELECT nope FROM dws.qoe_hour");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("qoe sql: ")
        .contains("Column 'nope' not found");
  }

  @Test
  void reportsAnUnknownTableOnOneLineWithExitCode1() {
    QoeCli result =
        QoeCli.run("sql", "--data-dir", dataDir.toString(), "SELECT * FROM dws.qoe_year");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines().toList())
        .singleElement()
        .asString()
        .contains("From line 1, column 15")
        .contains("not found; the tables are ods.player_beacons,")
        .contains("dws.qoe_hour");
  }

  @Test
  void saysSoWhenThereIsNoWarehouseInsteadOfCreatingOne() {
    Path nowhere = dataDir.resolve("nowhere");

    QoeCli result = QoeCli.run("sql", "--data-dir", nowhere.toString(), "SELECT 1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("qoe sql: no warehouse at " + nowhere.toAbsolutePath().resolve("warehouse"))
        .contains("--data-dir");
    assertThat(Files.exists(nowhere)).isFalse();
  }

  @Test
  void rejectsBadUsageWithExitCode2() {
    assertThat(QoeCli.run("sql", "--data-dir", dataDir.toString()).exitCode()).isEqualTo(2);
    QoeCli missingParam =
        QoeCli.run(
            "sql",
            "--data-dir",
            dataDir.toString(),
            "SELECT * FROM dws.qoe_hour WHERE cdn = '${cdn}'");
    assertThat(missingParam.exitCode()).isEqualTo(2);
    assertThat(missingParam.err()).contains("--param cdn=...");
    QoeCli missingFile =
        QoeCli.run(
            "sql",
            "--data-dir",
            dataDir.toString(),
            "--file",
            dataDir.resolve("none.sql").toString());
    assertThat(missingFile.exitCode()).isEqualTo(2);
    assertThat(missingFile.err()).contains("cannot read");
    assertThat(Files.exists(dataDir.resolve("none.sql"))).isFalse();
  }
}
