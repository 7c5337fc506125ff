package dev.openqoe.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimeTest {

  @TempDir Path jvms;

  private Path jdk(String name, String version) throws IOException {
    Path home = jvms.resolve(name);
    Path java = home.resolve("bin/java");
    Files.createDirectories(java.getParent());
    Files.writeString(java, "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
    return home;
  }

  @Test
  void theNewestJavaThatTrinoAcceptsIsChosen() throws IOException {
    jdk("java-17-openjdk-amd64", "17.0.15");
    jdk("jdk-24", "24");
    jdk("temurin-24-jdk", "24.0.2");
    jdk("temurin-25-jdk-amd64", "25.0.3");
    Files.createDirectories(jvms.resolve("not-a-jdk"));

    assertThat(JavaRuntime.newestSuitable(JavaRuntime.installedIn(jvms)))
        .map(JavaRuntime::home)
        .contains(jvms.resolve("temurin-25-jdk-amd64"));
  }

  @Test
  void java24BeforeItsFirstUpdateIsTooOldForTrino() throws IOException {
    jdk("java-17", "17.0.15");
    jdk("jdk-24", "24");

    assertThat(JavaRuntime.newestSuitable(JavaRuntime.installedIn(jvms))).isEmpty();
  }

  @Test
  void aConfiguredJavaHomeIsUsedAndCheckedWithAReason() throws IOException {
    Path old = jdk("java-17", "17.0.15");
    Path ok = jdk("temurin-25", "25.0.3");

    assertThat(JavaRuntime.forTrino(Map.of("QOE_TRINO_JAVA_HOME", ok.toString())).version())
        .isEqualTo(Runtime.Version.parse("25.0.3"));
    assertThatThrownBy(() -> JavaRuntime.forTrino(Map.of("QOE_TRINO_JAVA_HOME", old.toString())))
        .hasMessageContaining("is Java 17.0.15")
        .hasMessageContaining("24.0.1");
    assertThatThrownBy(
            () ->
                JavaRuntime.forTrino(
                    Map.of("QOE_TRINO_JAVA_HOME", jvms.resolve("nope").toString())))
        .hasMessageContaining("is not a Java installation");
  }
}
