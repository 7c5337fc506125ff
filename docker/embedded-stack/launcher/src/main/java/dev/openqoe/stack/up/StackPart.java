package dev.openqoe.stack.up;

import java.util.List;
import java.util.Map;

/**
 * One process of the embedded stack as {@code qoe up} starts it.
 *
 * @param name its name in progress lines and the name of its log, {@code <logs>/<name>.log}
 * @param starting what the line before its start says
 * @param command the command line
 * @param environment variables set for it on top of {@code qoe up}'s own
 * @param readiness when it counts as started
 * @param ready what the line after its start says it serves
 * @param essential whether its end ends the stack (the simulator only brings traffic)
 */
public record StackPart(
    String name,
    String starting,
    List<String> command,
    Map<String, String> environment,
    Readiness readiness,
    String ready,
    boolean essential) {

  public StackPart {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }
}
