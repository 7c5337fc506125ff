package dev.openqoe.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.openqoe.delivery.CloudFrontRealtimeLog;
import dev.openqoe.docker.Compose.Service;
import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.jobs.QoePipelineJob;
import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.lag.LagDefaults;
import dev.openqoe.lag.LagMonitorCommand;
import dev.openqoe.lag.RetentionRule;
import dev.openqoe.lag.WatchedConsumers;
import dev.openqoe.lag.WatchedTopic;
import dev.openqoe.ops.normaliser.OpsNormaliserMain;
import dev.openqoe.slo.SloFile;
import dev.openqoe.slo.evaluator.SloCli;
import dev.openqoe.slo.evaluator.SloEvaluatorCommand;
import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.TableDefinition;
import dev.openqoe.warehouse.WarehouseConfig;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.RestOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * docker/docker-compose.yml, its scripts and Dockerfiles agree with the code: topic names and
 * partitions with {@link QoeTopics}, table names with {@link QoeTables}, ports with the code's
 * defaults, every QOE_* variable with a setting the code reads; every long-running service has a
 * healthcheck and every image a pinned tag; and docker-compose itself accepts the file.
 */
class DockerComposeTest {

  private static final Path PINOT_CONFIGS =
      Compose.REPOSITORY.resolve("warehouse/pinot/src/main/resources/pinot");

  private static Compose compose;

  @BeforeAll
  static void load() throws IOException {
    compose = Compose.load();
  }

  @Test
  void dockerComposeAcceptsTheFile() throws Exception {
    Process process;
    try {
      process =
          new ProcessBuilder("docker-compose", "-f", Compose.FILE.toString(), "config", "-q")
              .redirectErrorStream(true)
              .start();
    } catch (IOException notInstalled) {
      throw new AssertionError(
          "docker-compose is not installed: it validates docker/docker-compose.yml. Install the"
              + " Debian package docker-compose (apt-get install docker-compose); ./qoe test does"
              + " so itself when run as root",
          notInstalled);
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("docker-compose config did not finish within 60 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue())
        .as("docker-compose -f docker/docker-compose.yml config -q said:%n%s", output)
        .isZero();
  }

  @Test
  void topicsAndPartitionsAreThoseOfQoeTopics() {
    Map<String, Integer> expected = new TreeMap<>();
    for (QoeTopic<?, ?> topic : QoeTopics.ALL) {
      expected.put(topic.name(), topic.partitions());
    }
    String topics = compose.extension("x-topics");
    Map<String, Integer> declared = new TreeMap<>();
    for (String spec : topics.trim().split("\\s+")) {
      String[] parts = spec.split(":");
      assertThat(parts).as("topic spec %s is name:partitions", spec).hasSize(2);
      declared.put(parts[0], Integer.valueOf(parts[1]));
    }
    assertThat(declared).isEqualTo(expected);

    Service init = compose.service("kafka-init");
    assertThat(init.env("TOPICS")).isEqualTo(topics);
    long brokers = kafkaNodes().size();
    int replication = Integer.parseInt(init.env("REPLICATION_FACTOR"));
    assertThat(replication).isBetween(1, (int) brokers);
    assertThat(Integer.parseInt(init.env("MIN_INSYNC_REPLICAS"))).isLessThan(replication);
  }

  @Test
  void everyKafkaClientUsesTheClusterAndItsInternalListener() {
    String bootstrap = compose.extension("x-kafka-bootstrap");
    List<String> expected =
        kafkaNodes().stream().map(node -> node.name() + ":" + internalPort(node)).toList();
    assertThat(bootstrap.split(",")).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(compose.service("kafka-init").env("BOOTSTRAP")).isEqualTo(bootstrap);
    assertThat(compose.service("collector").env("QOE_COLLECTOR_KAFKA_BOOTSTRAP"))
        .isEqualTo(bootstrap);
    assertThat(compose.service("flink-jobmanager").env("QOE_KAFKA_BOOTSTRAP")).isEqualTo(bootstrap);
    assertThat(compose.service("ops-normaliser").env("QOE_KAFKA_BOOTSTRAP")).isEqualTo(bootstrap);
    assertThat(compose.service("slo-evaluator").env("QOE_KAFKA_BOOTSTRAP")).isEqualTo(bootstrap);
    assertThat(compose.service("lag-monitor").env("QOE_KAFKA_BOOTSTRAP")).isEqualTo(bootstrap);
    assertThat(compose.service("pinot-init").env("KAFKA_BOOTSTRAP")).isEqualTo(bootstrap);
    for (Service node : kafkaNodes()) {
      assertThat(node.env("KAFKA_ADVERTISED_LISTENERS"))
          .contains("INTERNAL://" + node.name() + ":" + internalPort(node));
    }
  }

  @Test
  void everyQoeVariableIsOneTheCodeReads() {
    Set<String> collector =
        Arrays.stream(CollectorConfig.Setting.values())
            .map(CollectorConfig.Setting::environmentVariable)
            .collect(Collectors.toSet());
    Set<String> pipeline = environmentVariables(QoePipelineJob.class).keySet();
    assertThat(pipeline).as("QoePipelineJob's ${env:...} defaults").isNotEmpty();
    Set<String> normaliser = environmentVariables(OpsNormaliserMain.class).keySet();
    assertThat(normaliser).as("OpsNormaliserMain's ${env:...} defaults").isNotEmpty();
    Set<String> evaluator = environmentVariables(SloEvaluatorCommand.class).keySet();
    assertThat(evaluator).as("SloEvaluatorCommand's ${env:...} defaults").isNotEmpty();
    Set<String> lagMonitor = environmentVariables(LagMonitorCommand.class).keySet();
    assertThat(lagMonitor).as("LagMonitorCommand's ${env:...} defaults").isNotEmpty();
    Map<String, String> unread = new TreeMap<>();
    for (Service service : compose.services().values()) {
      Map<String, String> env = service.environment();
      for (String key : env.keySet()) {
        if (key.startsWith("QOE_")
            && !collector.contains(key)
            && !pipeline.contains(key)
            && !normaliser.contains(key)
            && !evaluator.contains(key)
            && !lagMonitor.contains(key)
            && !changesWarehouseConfig(env, key)) {
          unread.put(service.name() + " " + key, env.get(key));
        }
      }
    }
    assertThat(unread).as("QOE_* variables no code reads").isEmpty();
  }

  @Test
  void theCollectorTakesItsSettingsAndListensOnThePublishedPort() {
    Service service = compose.service("collector");
    CollectorConfig config = CollectorConfig.load(new String[0], service.environment());
    int defaultPort = Integer.parseInt(CollectorConfig.Setting.PORT.defaultValue());
    assertThat(config.port()).isEqualTo(defaultPort);
    assertThat(config.host()).as("reachable from outside its container").isEqualTo("0.0.0.0");
    assertThat(config.usesEmbeddedKafka()).isFalse();
    assertThat(config.createTopics()).as("kafka-init creates the topics").isFalse();
    assertThat(service.ports()).contains("127.0.0.1:" + defaultPort + ":" + config.port());
  }

  @Test
  void theNormaliserLeavesTopicsToKafkaInitAndReplicatesItsStateLikeThem() {
    Service service = compose.service("ops-normaliser");
    // As the container runs it: each QOE_* variable as the option it is the default of.
    List<String> args = new ArrayList<>();
    environmentVariables(OpsNormaliserMain.class)
        .forEach(
            (variable, option) -> {
              if (service.environment().containsKey(variable)) {
                args.add(option + "=" + unsetOnTheHost(service.env(variable)));
              }
            });
    args.addAll(service.command());
    CommandLine normaliser = new CommandLine(new OpsNormaliserMain());
    normaliser.parseArgs(args.toArray(String[]::new));
    var options = normaliser.getCommandSpec();
    Path readyFile = options.findOption("--ready-file").getValue();

    assertThat((Boolean) options.findOption("--create-topics").getValue())
        .as("kafka-init creates the topics")
        .isFalse();
    assertThat((Integer) options.findOption("--replication-factor").getValue())
        .isEqualTo(Integer.parseInt(compose.service("kafka-init").env("REPLICATION_FACTOR")));
    assertThat((Path) options.findOption("--state-dir").getValue())
        .isEqualTo(Path.of("/var/lib/openqoe/ops-normaliser"));
    assertThat(readyFile).isEqualTo(Path.of("/var/lib/openqoe/ops-normaliser/ready"));
    assertThat(service.healthcheck().orElseThrow().get("test").toString())
        .contains(readyFile.toString());
    assertThat(
            ((CloudFrontRealtimeLog) options.findOption("--cloudfront-realtime-fields").getValue())
                .fields())
        .as("real-time log fields when the host sets none")
        .isEqualTo(CloudFrontRealtimeLog.documented().fields());
  }

  @Test
  void theSloEvaluatorEvaluatesTheDeploymentsSloFileOverItsPinotAndLeavesTopicsToKafkaInit()
      throws IOException {
    Service service = compose.service("slo-evaluator");
    List<String> command = service.command();
    assertThat(new CommandLine(new SloCli()).getSubcommands())
        .as("the image's jar runs SloCli; the command names its subcommand")
        .containsKey(command.get(0));
    // As the container runs it: each QOE_* variable as the option it is the default of.
    List<String> args = new ArrayList<>();
    environmentVariables(SloEvaluatorCommand.class)
        .forEach(
            (variable, option) -> {
              if (service.environment().containsKey(variable)) {
                args.add(option + "=" + unsetOnTheHost(service.env(variable)));
              }
            });
    args.addAll(command.subList(1, command.size()));
    SloEvaluatorCommand evaluator = new SloEvaluatorCommand();
    CommandLine cli = new CommandLine(evaluator);
    cli.parseArgs(args.toArray(String[]::new));
    var options = cli.getCommandSpec();
    Path sloFile = options.findOption("--slo-file").getValue();
    Path readyFile = options.findOption("--ready-file").getValue();
    String brokerPort = compose.service("pinot-broker").commandOption("-brokerPort");

    assertThat(service.volumes()).contains("./slo-evaluator/slo.yaml:" + sloFile + ":ro");
    assertThat(SloFile.load(Compose.DIRECTORY.resolve("slo-evaluator/slo.yaml")))
        .as("the SLOs it mounts load")
        .isNotEmpty();
    assertThat((String) options.findOption("--broker").getValue())
        .isEqualTo("http://pinot-broker:" + brokerPort);
    assertThat((Boolean) options.findOption("--create-topics").getValue())
        .as("kafka-init creates qoe.slo.alerts.v1")
        .isFalse();
    assertThat(service.healthcheck().orElseThrow().get("test").toString())
        .contains(readyFile.toString());
    assertThat(evaluator.alertmanagerUrls())
        .as("no Alertmanager when the host sets none: alerts go to the log only")
        .isEmpty();
    assertThat(service.dependsOn()).containsEntry("pinot-init", "service_completed_successfully");
  }

  @Test
  void theLagMonitorWatchesThePipelineAndEveryPinotTableOfTheClusterAndPublishesItsMetrics() {
    Service service = compose.service("lag-monitor");
    // As the container runs it: each QOE_* variable as the option it is the default of.
    List<String> args = new ArrayList<>();
    environmentVariables(LagMonitorCommand.class)
        .forEach(
            (variable, option) -> {
              if (service.environment().containsKey(variable)) {
                args.add(option + "=" + unsetOnTheHost(service.env(variable)));
              }
            });
    args.addAll(service.command());
    LagMonitorCommand monitor = new LagMonitorCommand();
    CommandLine cli = new CommandLine(monitor);
    cli.parseArgs(args.toArray(String[]::new));
    var options = cli.getCommandSpec();
    Path readyFile = options.findOption("--ready-file").getValue();
    String controllerPort = compose.service("pinot-controller").commandOption("-controllerPort");
    int port = options.findOption("--port").getValue();

    List<WatchedTopic> expected = new ArrayList<>(WatchedConsumers.pipelineGroups());
    expected.addAll(WatchedConsumers.pinotTables());
    assertThat(monitor.watched()).isEqualTo(expected);
    assertThat(expected)
        .extracting(WatchedTopic::topic)
        .as("every topic watched is one kafka-init creates")
        .allSatisfy(topic -> assertThat(compose.extension("x-topics")).contains(topic + ":"));
    assertThat(options.findOption("--pinot-controller").getValue().toString())
        .isEqualTo("http://pinot-controller:" + controllerPort);
    assertThat(monitor.rule()).isEqualTo(new RetentionRule(0.5));
    assertThat(port).isEqualTo(LagDefaults.PORT_NUMBER);
    assertThat((String) options.findOption("--bind").getValue())
        .as("reachable from outside its container")
        .isEqualTo("0.0.0.0");
    assertThat(service.ports()).contains("127.0.0.1:" + port + ":" + port);
    assertThat(service.healthcheck().orElseThrow().get("test").toString())
        .contains(readyFile.toString());
    assertThat(service.dependsOn()).containsEntry("pinot-init", "service_completed_successfully");
  }

  /** A value as docker-compose makes it when the host sets none of its ${VAR:-default}. */
  private static String unsetOnTheHost(String value) {
    return value.replaceAll("\\$\\{[A-Za-z0-9_]+:-([^}]*)}", "$1");
  }

  @Test
  void thePipelineTakesItsOptionsAndWritesTheSharedCatalog() throws Exception {
    Service jobManager = compose.service("flink-jobmanager");
    Map<String, String> env = jobManager.environment();
    List<String> args = new ArrayList<>();
    environmentVariables(QoePipelineJob.class)
        .forEach(
            (variable, option) -> {
              if (env.containsKey(variable)) {
                args.add(option);
                args.add(env.get(variable));
              }
            });
    // picocli converts and validates every value as QoePipelineJob would on start-up.
    new CommandLine(new QoePipelineJob()).parseArgs(args.toArray(String[]::new));
    assertThat(jobManager.command())
        .containsSubsequence("--job-classname", QoePipelineJob.class.getName());

    WarehouseConfig warehouse = WarehouseConfig.fromEnvironment(env, Path.of("/unused"));
    Map<String, String> catalog = warehouse.catalogProperties();
    assertThat(warehouse.catalogName()).isEqualTo(WarehouseConfig.DEFAULT_CATALOG_NAME);
    assertThat(warehouse.isSqlite()).as("a cluster's catalog is shared: not SQLite").isFalse();
    assertThat(Class.forName(catalog.get("io-impl")))
        .as("FileIO for s3:// on the classpath")
        .isNotNull();
    assertThat(URI.create(warehouse.warehouse()).getScheme()).isEqualTo("s3");
    assertThat(warehouse.warehouse())
        .as("the bucket minio-init creates")
        .startsWith("s3://" + minioBucket() + "/");

    Properties trino = trinoCatalog();
    assertThat(trino.getProperty("iceberg.jdbc-catalog.catalog-name"))
        .as("Trino sees the tables only under the writer's catalog name")
        .isEqualTo(warehouse.catalogName());
    assertThat(trino.getProperty("iceberg.jdbc-catalog.connection-url")).isEqualTo(warehouse.uri());
    assertThat(trino.getProperty("iceberg.jdbc-catalog.connection-user"))
        .isEqualTo(catalog.get("jdbc.user"));
    assertThat(trino.getProperty("iceberg.jdbc-catalog.default-warehouse-dir"))
        .isEqualTo(warehouse.warehouse());
    assertThat(trino.getProperty("iceberg.jdbc-catalog.schema-version"))
        .isEqualTo(catalog.get("jdbc.schema-version"));
    assertThat(trino.getProperty("s3.endpoint")).isEqualTo(catalog.get("s3.endpoint"));
    assertThat(trino.getProperty("s3.path-style-access"))
        .isEqualTo(catalog.get("s3.path-style-access"));
    Map<String, String> trinoEnv = compose.service("trino").environment();
    Matcher variable =
        Pattern.compile("\\$\\{ENV:([A-Za-z0-9_]+)}")
            .matcher(
                String.join(
                    "\n", trino.stringPropertyNames().stream().map(trino::getProperty).toList()));
    while (variable.find()) {
      assertThat(trinoEnv).as("Trino's environment").containsKey(variable.group(1));
    }
    assertThat(trinoEnv.get("CATALOG_DB_PASSWORD")).isEqualTo(catalog.get("jdbc.password"));
  }

  @Test
  void publishedPortsAreLoopbackOnlyAndMatchTheDefaults() {
    for (Service service : compose.services().values()) {
      for (String port : service.ports()) {
        assertThat(port).as("%s publishes %s", service.name(), port).startsWith("127.0.0.1:");
      }
    }
    assertThat(compose.service("flink-jobmanager").ports())
        .contains("127.0.0.1:8081:" + RestOptions.PORT.defaultValue());

    String controllerPort = compose.service("pinot-controller").commandOption("-controllerPort");
    String brokerPort = compose.service("pinot-broker").commandOption("-brokerPort");
    Map<String, String> grafana = compose.service("grafana").environment();
    assertThat(grafana.get("PINOT_CONTROLLER_URL"))
        .isEqualTo("http://pinot-controller:" + controllerPort);
    assertThat(grafana.get("PINOT_BROKER_URL")).isEqualTo("http://pinot-broker:" + brokerPort);
    assertThat(compose.service("pinot-init").env("CONTROLLER_URL"))
        .isEqualTo("http://pinot-controller:" + controllerPort);
  }

  @Test
  void tableNamesInTheDeploymentAreThoseOfQoeTables() throws IOException {
    Set<String> tables =
        QoeTables.ALL.stream().map(TableDefinition::name).collect(Collectors.toSet());
    Pattern tableName = Pattern.compile("\\b(ods|dwd|dws)\\.([a-z_]+)\\b");
    Map<String, String> unknown = new TreeMap<>();
    int mentions = 0;
    for (Path file : deploymentFiles()) {
      Matcher matcher = tableName.matcher(Files.readString(file));
      while (matcher.find()) {
        mentions++;
        if (!tables.contains(matcher.group())) {
          unknown.put(matcher.group(), Compose.DIRECTORY.relativize(file).toString());
        }
      }
    }
    assertThat(mentions).as("table names mentioned under docker/").isPositive();
    assertThat(unknown).as("tables QoeTables does not define").isEmpty();
  }

  @Test
  void longRunningServicesHaveHealthchecksAndOneShotsAreWaitedFor() {
    Map<String, Service> services = compose.services();
    Set<String> completedTargets = new TreeSet<>();
    for (Service service : services.values()) {
      service
          .dependsOn()
          .forEach(
              (target, condition) -> {
                assertThat(services).as("%s depends on", service.name()).containsKey(target);
                Service dependency = services.get(target);
                switch (condition) {
                  case "service_healthy" ->
                      assertThat(dependency.healthcheck())
                          .as("%s waits for %s to be healthy", service.name(), target)
                          .isPresent();
                  case "service_completed_successfully" -> {
                    assertThat(dependency.oneShot()).as("%s is one-shot", target).isTrue();
                    completedTargets.add(target);
                  }
                  case "service_started" -> {}
                  default -> fail(service.name() + ": unknown condition " + condition);
                }
              });
    }
    for (Service service : services.values()) {
      if (service.oneShot()) {
        assertThat(completedTargets)
            .as("someone waits for %s", service.name())
            .contains(service.name());
        assertThat(service.ports()).isEmpty();
      } else {
        assertThat(service.healthcheck())
            .as("%s has a healthcheck", service.name())
            .hasValueSatisfying(check -> assertThat(check).containsKey("test"));
      }
    }
  }

  @Test
  void imagesArePinnedAndOurImagesCarryTheProjectVersion() {
    String version = System.getProperty("qoe.version");
    assertThat(version).isNotBlank();
    for (Service service : compose.services().values()) {
      String image =
          service.image().orElseThrow(() -> new AssertionError(service.name() + " names no image"));
      assertPinned(service.name(), image);
      if (service.hasBuild()) {
        assertThat(image).startsWith("openqoe/").endsWith(":" + version);
      } else {
        assertThat(image)
            .as("%s pulls an image of ours it does not build", service.name())
            .doesNotStartWith("openqoe/");
      }
    }
  }

  @Test
  void dockerfilesBuildWhatTheReactorBuildsAndRunAsNonRoot() throws IOException {
    Set<Path> dockerfiles = new TreeSet<>();
    for (Service service : compose.services().values()) {
      if (service.hasBuild()) {
        Map<String, Object> build = Compose.map(service.body().get("build"));
        Path context = Compose.DIRECTORY.resolve(String.valueOf(build.get("context"))).normalize();
        assertThat(context).isEqualTo(Compose.REPOSITORY);
        dockerfiles.add(context.resolve(String.valueOf(build.get("dockerfile"))));
      }
    }
    assertThat(dockerfiles).hasSize(5);
    Pattern copyFromBuild =
        Pattern.compile("^COPY --from=build (?:--chown=\\S+ )?/src/(\\S+) ", Pattern.MULTILINE);
    for (Path dockerfile : dockerfiles) {
      List<String> lines = Files.readAllLines(dockerfile);
      List<String> from = lines.stream().filter(line -> line.startsWith("FROM ")).toList();
      assertThat(from).as("%s is a multi-stage build", dockerfile).hasSizeGreaterThanOrEqualTo(2);
      from.forEach(line -> assertPinned(dockerfile.toString(), line.split("\\s+")[1]));
      List<String> users = lines.stream().filter(line -> line.startsWith("USER ")).toList();
      assertThat(users).as("%s sets a user", dockerfile).isNotEmpty();
      assertThat(users.get(users.size() - 1).substring(5).trim()).isNotIn("root", "0");
      assertThat(lines.indexOf(users.get(users.size() - 1)))
          .as("the final stage runs as that user")
          .isGreaterThan(lines.indexOf(from.get(from.size() - 1)));
      Matcher copy = copyFromBuild.matcher(Files.readString(dockerfile));
      int copies = 0;
      while (copy.find()) {
        copies++;
        assertThat(Compose.REPOSITORY.resolve(copy.group(1)))
            .as("%s copies what this Maven build produces", dockerfile)
            .isRegularFile();
      }
      assertThat(copies).isPositive();
    }
  }

  @Test
  void bindMountsExist() {
    for (Service service : compose.services().values()) {
      for (String volume : service.volumes()) {
        String source = withDefaults(volume.substring(0, volume.indexOf(':')));
        if (source.startsWith(".") && !fromThePinotBranch(source)) {
          assertThat(Compose.DIRECTORY.resolve(source)).as("%s mounts", service.name()).exists();
        }
      }
    }
  }

  /**
   * Pinot's table configs and Grafana's provisioning live in warehouse/pinot and dashboards/,
   * written on branch pinot: checked once they are in this tree, reported as skipped before.
   */
  @Test
  void pinotTablesAndGrafanaProvisioningComeFromTheRepository() throws IOException {
    assumeTrue(
        Files.isDirectory(PINOT_CONFIGS), "warehouse/pinot (branch pinot) is not in this tree yet");
    List<String> tables = List.of(compose.service("pinot-init").env("TABLES").split("\\s+"));
    try (var files = Files.list(PINOT_CONFIGS)) {
      assertThat(tables)
          .as("pinot-init installs every table config of warehouse/pinot")
          .containsExactlyInAnyOrderElementsOf(
              files
                  .map(file -> file.getFileName().toString())
                  .filter(name -> name.endsWith(".table.json"))
                  .map(name -> name.substring(0, name.length() - ".table.json".length()))
                  .toList());
    }
    for (String table : tables) {
      assertThat(PINOT_CONFIGS.resolve(table + ".schema.json")).isRegularFile();
      String config = Files.readString(PINOT_CONFIGS.resolve(table + ".table.json"));
      Matcher topic =
          Pattern.compile("\"stream\\.kafka\\.topic\\.name\"\\s*:\\s*\"([^\"]+)\"").matcher(config);
      assertThat(topic.find()).as("%s consumes a topic", table).isTrue();
      assertThat(QoeTopics.byName(topic.group(1))).as("%s's topic", table).isPresent();
      assertThat(config).contains("\"stream.kafka.broker.list\"");
    }
    for (String volume : compose.service("grafana").volumes()) {
      String source = volume.substring(0, volume.indexOf(':'));
      if (source.startsWith(".")) {
        assertThat(Compose.DIRECTORY.resolve(source)).isDirectory();
      }
    }
    String datasources =
        Files.readString(
            Compose.REPOSITORY.resolve("dashboards/provisioning/datasources/pinot.yaml"));
    String plugin = compose.service("grafana").env("GF_INSTALL_PLUGINS").split("\\s+")[0];
    assertThat(datasources)
        .contains("type: " + plugin)
        .contains("${PINOT_CONTROLLER_URL}")
        .contains("${PINOT_BROKER_URL}");
  }

  private static boolean fromThePinotBranch(String source) {
    Path path = Compose.DIRECTORY.resolve(source).normalize();
    return path.startsWith(Compose.REPOSITORY.resolve("warehouse/pinot"))
        || path.startsWith(Compose.REPOSITORY.resolve("dashboards"));
  }

  /** {@code ${NAME:-default}} as Compose expands it with NAME unset. */
  private static String withDefaults(String text) {
    return text.replaceAll("\\$\\{[A-Za-z0-9_]+:-([^}]*)}", "$1");
  }

  private static void assertPinned(String where, String image) {
    int colon = image.lastIndexOf(':');
    assertThat(colon).as("%s: %s has a tag", where, image).isGreaterThan(image.lastIndexOf('/'));
    String tag = image.substring(colon + 1);
    assertThat(tag)
        .as("%s: %s", where, image)
        // a release (major.minor..., or a release number such as Trino's 476), not a moving
        // name such as latest, stable, 17-jre or 2
        .isNotIn("latest", "stable")
        .containsPattern("\\d+[.-]\\d+|^\\d{3,}$");
  }

  private static List<Service> kafkaNodes() {
    return compose.services().values().stream()
        .filter(service -> service.environment().containsKey("KAFKA_NODE_ID"))
        .toList();
  }

  private static String internalPort(Service node) {
    Matcher port = Pattern.compile("INTERNAL://:(\\d+)").matcher(node.env("KAFKA_LISTENERS"));
    assertThat(port.find()).as("%s has an INTERNAL listener", node.name()).isTrue();
    return port.group(1);
  }

  /**
   * The environment variables a command's picocli options default from, by their option: its own
   * and those of its mixins (options several commands share).
   */
  private static Map<String, String> environmentVariables(Class<?> command) {
    Pattern env = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)");
    Map<String, String> variables = new LinkedHashMap<>();
    for (Field field : command.getDeclaredFields()) {
      Option option = field.getAnnotation(Option.class);
      if (option != null) {
        Matcher matcher = env.matcher(option.defaultValue());
        if (matcher.find()) {
          variables.put(matcher.group(1), option.names()[0]);
        }
      }
      if (field.isAnnotationPresent(Mixin.class)) {
        variables.putAll(environmentVariables(field.getType()));
      }
    }
    return variables;
  }

  /**
   * Whether WarehouseConfig reads {@code key}: another value changes the configuration or is
   * rejected by it.
   */
  private static boolean changesWarehouseConfig(Map<String, String> env, String key) {
    Map<String, String> other = new HashMap<>(env);
    other.put(key, env.get(key) + "-other");
    Path dataDir = Path.of("/unused");
    try {
      return !WarehouseConfig.fromEnvironment(env, dataDir)
          .equals(WarehouseConfig.fromEnvironment(other, dataDir));
    } catch (IllegalArgumentException rejected) {
      return true;
    }
  }

  private static String minioBucket() {
    Matcher bucket =
        Pattern.compile("mc mb --ignore-existing qoe/(\\S+)")
            .matcher(
                String.join(
                    " ",
                    Compose.list(compose.service("minio-init").body().get("entrypoint")).stream()
                        .map(String::valueOf)
                        .toList()));
    assertThat(bucket.find()).as("minio-init creates a bucket").isTrue();
    return bucket.group(1);
  }

  private static Properties trinoCatalog() throws IOException {
    Properties properties = new Properties();
    try (Reader reader =
        Files.newBufferedReader(Compose.DIRECTORY.resolve("trino/catalog/qoe.properties"))) {
      properties.load(reader);
    }
    return properties;
  }

  /** The deployment's own text files: compose, scripts, configs and docs, not the test code. */
  private static List<Path> deploymentFiles() throws IOException {
    try (Stream<Path> files = Files.walk(Compose.DIRECTORY)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> !file.startsWith(Compose.DIRECTORY.resolve("src")))
          .filter(file -> !file.startsWith(Compose.DIRECTORY.resolve("target")))
          // the embedded stack is the other deployment: ./qoe up, no compose
          .filter(file -> !file.startsWith(Compose.DIRECTORY.resolve("embedded-stack")))
          .toList();
    }
  }
}
