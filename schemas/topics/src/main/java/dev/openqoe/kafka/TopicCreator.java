package dev.openqoe.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates OpenQoE's topics on a Kafka cluster unless they exist; existing topics are untouched. */
public final class TopicCreator {

  private static final int TIMEOUT_SECONDS = 30;

  private TopicCreator() {}

  public static void createMissing(
      String bootstrapServers, Collection<? extends QoeTopic<?, ?>> topics, short replication) {
    List<NewTopic> requested = new ArrayList<>();
    for (QoeTopic<?, ?> topic : topics) {
      requested.add(new NewTopic(topic.name(), topic.partitions(), replication));
    }
    createMissing(bootstrapServers, requested);
  }

  /** Creates those of {@code topics} that do not exist yet (topics outside the registry too). */
  public static void createMissing(String bootstrapServers, List<NewTopic> topics) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                TIMEOUT_SECONDS * 1000))) {
      for (var entry : admin.createTopics(topics).values().entrySet()) {
        try {
          entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
          }
        }
      }
      awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not create the topics within " + TIMEOUT_SECONDS + " s", e);
    }
  }

  /**
   * Returns once the brokers name a leader for every partition of {@code names}. A created topic is
   * not writable at once: a producer that sends before the brokers know the leader gets
   * NOT_LEADER_OR_FOLLOWER, and an idempotent producer's retry of its first batch can then be
   * refused as out of sequence until its delivery timeout (seen on a loaded machine).
   */
  private static void awaitLeaders(Admin admin, List<String> names)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      try {
        boolean led =
            admin
                .describeTopics(names)
                .allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .values()
                .stream()
                .flatMap(topic -> topic.partitions().stream())
                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        if (led) {
          return;
        }
      } catch (ExecutionException notKnownYet) {
        // the brokers' metadata may not list a topic just created: ask again
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("no leader for every partition of " + names);
      }
      Thread.sleep(50);
    }
  }
}
