package dev.openqoe.warehouse.sql;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code qoe} warehouse commands in this JVM, as the launcher would, capturing output. */
record QoeCli(int exitCode, String out, String err) {

  static QoeCli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = WarehouseSqlCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new QoeCli(exitCode, out.toString(), err.toString());
  }
}
