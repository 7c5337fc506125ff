package dev.openqoe.pinot.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainThreadWaitTest {

  @Test
  void helixSleepingForALiveInstanceOfAnEarlierRunIsNamed() {
    StackTraceElement[] stack = {
      jdk("java.lang.Thread", "sleep"),
      jdk("java.util.concurrent.TimeUnit", "sleep"),
      frame("org.apache.helix.manager.zk.ParticipantManager", "createLiveInstance", 317),
      frame("org.apache.helix.manager.zk.ZKHelixManager", "handleNewSession", 1302),
      frame("org.apache.pinot.controller.BaseControllerStarter", "registerAndConnect", 592)
    };

    assertThat(MainThreadWait.describe(Thread.State.TIMED_WAITING, stack, () -> "unused"))
        .contains("live instance still registered by a ZooKeeper session of an earlier run")
        .contains("35 s");
  }

  @Test
  void theServerWaitingForItsSegmentsSaysWhichOnesPinotIsWaitingFor() {
    StackTraceElement[] stack = {
      jdk("java.lang.Thread", "sleep"),
      frame(
          "org.apache.pinot.server.starter.helix.BaseServerStarter",
          "startupServiceStatusCheck",
          448),
      frame("org.apache.pinot.server.starter.helix.BaseServerStarter", "start", 542)
    };

    assertThat(
            MainThreadWait.describe(
                Thread.State.TIMED_WAITING,
                stack,
                () -> "partition=qoe_sessions__0__1__20261205T1831Z, expected=CONSUMING"))
        .startsWith("waiting for the server's segments to reach the state Helix assigned them")
        .endsWith("partition=qoe_sessions__0__1__20261205T1831Z, expected=CONSUMING");
  }

  @Test
  void anyOtherWaitIsShownAsTheFrameItIsInBelowTheJdkAndThePinotCodeThatCalledIt() {
    StackTraceElement[] stack = {
      jdk("java.lang.Object", "wait"),
      frame("org.apache.zookeeper.ClientCnxn", "submitRequest", 1529),
      frame("org.apache.helix.zookeeper.zkclient.ZkClient", "create", 1039),
      frame("org.apache.pinot.controller.helix.core.util.HelixSetupUtils", "setupPinotCluster", 105)
    };

    assertThat(MainThreadWait.describe(Thread.State.WAITING, stack, () -> "unused"))
        .isEqualTo(
            "WAITING in org.apache.zookeeper.ClientCnxn.submitRequest:1529, under"
                + " org.apache.pinot.controller.helix.core.util.HelixSetupUtils.setupPinotCluster:105");
  }

  @Test
  void aPinotFrameOnTopIsNotRepeated() {
    StackTraceElement[] stack = {
      frame("org.apache.pinot.common.Utils", "getComponentVersions", 129),
      frame("org.apache.pinot.controller.BaseControllerStarter", "start", 314)
    };

    assertThat(MainThreadWait.describe(Thread.State.RUNNABLE, stack, () -> "unused"))
        .isEqualTo("RUNNABLE in org.apache.pinot.common.Utils.getComponentVersions:129");
  }

  private static StackTraceElement jdk(String type, String method) {
    return new StackTraceElement(null, "java.base", "17", type, method, null, -2);
  }

  private static StackTraceElement frame(String type, String method, int line) {
    return new StackTraceElement(type, method, type + ".java", line);
  }
}
