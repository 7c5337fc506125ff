package dev.openqoe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.jobs.QoePipelineJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The Flink cluster jar that docker/flink/Dockerfile puts into the image, as this reactor built it:
 * our job and the connectors it needs inside, Flink itself (which the cluster provides) outside.
 */
class ClusterJarTest {

  private static final Path JAR =
      Compose.REPOSITORY.resolve("stream-jobs/flink-jobs/target/qoe-flink-jobs-cluster.jar");

  /** Jars for the cluster's lib/: the JDBC catalog's driver. */
  private static final Path CLUSTER_LIB =
      Compose.REPOSITORY.resolve("stream-jobs/flink-jobs/target/cluster-lib");

  @Test
  void carriesTheJobAndItsConnectorsButNotFlink() throws IOException {
    assertThat(JAR).as("built by stream-jobs/flink-jobs (mvn package)").isRegularFile();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(QoePipelineJob.class.getName());
      Set<String> entries = new TreeSet<>();
      jar.stream().map(JarEntry::getName).forEach(entries::add);
      assertThat(entries)
          .contains(
              QoePipelineJob.class.getName().replace('.', '/') + ".class",
              "org/apache/flink/connector/kafka/source/KafkaSource.class",
              "org/apache/kafka/clients/producer/KafkaProducer.class",
              "org/apache/iceberg/flink/sink/FlinkSink.class",
              "org/apache/iceberg/jdbc/JdbcCatalog.class",
              "org/apache/iceberg/aws/s3/S3FileIO.class",
              "org/apache/hadoop/conf/Configuration.class");
      // The cluster's own classes: a second copy in user code shadows or clashes with them.
      List<String> flinkProvided =
          List.of(
              "org/apache/flink/runtime/",
              "org/apache/flink/api/common/",
              "org/apache/flink/core/",
              "org/apache/flink/streaming/api/",
              "org/apache/flink/table/runtime/",
              "org/apache/flink/configuration/",
              // JDBC drivers belong in the cluster's lib/ (CLUSTER_LIB)
              "org/postgresql/",
              "org/sqlite/");
      for (String prefix : flinkProvided) {
        assertThat(entries)
            .as("entries under %s", prefix)
            .noneMatch(name -> name.startsWith(prefix));
      }
      // nothing brings a broker (or Scala) in: the job is a Kafka client
      assertThat(DevelopmentClasses.in(entries)).as("development classes in the job jar").isEmpty();
    }
  }

  @Test
  void theCatalogDriverIsBuiltForTheClusterLib() throws IOException {
    try (JarFile driver = new JarFile(CLUSTER_LIB.resolve("postgresql.jar").toFile())) {
      assertThat(driver.getEntry("org/postgresql/Driver.class")).isNotNull();
    }
  }
}
