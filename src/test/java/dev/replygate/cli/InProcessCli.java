package dev.replygate.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a replygate command in the test's JVM (no jar needed) and keeps what it printed. */
final class InProcessCli {

    /** A finished command: its exit code, standard output and standard error. */
    record Run(int exitCode, String out, String err) {
    }

    private InProcessCli() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
