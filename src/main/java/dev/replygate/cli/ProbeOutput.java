package dev.replygate.cli;

import dev.replygate.probe.ProbeFailure;
import dev.replygate.probe.ProbeReport;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a self-test's findings, one line a step, and for a failure its fix and exit code; lists
 * those exit codes in the {@code --help} of the commands that use it (as their model transformer).
 */
final class ProbeOutput implements CommandLine.IModelTransformer {

    static void print(PrintWriter out, ProbeReport report) {
        out.println(report.subject());
        for (ProbeReport.Finding finding : report.findings()) {
            out.printf("  %-4s %-13s %s%n", finding.ok() ? "ok" : "FAIL", finding.step(), finding.text());
        }
        report.failure().ifPresentOrElse(failure -> {
            out.printf("  %-4s %-13s %s%n", "", "fix", failure.kind().fix());
            out.printf("  result: %s (exit %d)%n", name(failure.kind()), failure.kind().exitCode());
        }, () -> out.println("  result: ok"));
        out.flush();
    }

    @Override
    public CommandSpec transform(CommandSpec spec) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "every step passed");
        for (ProbeFailure failure : ProbeFailure.values()) {
            codes.merge(Integer.toString(failure.exitCode()), name(failure), (first, more) -> first + ", " + more);
        }
        codes.put(Integer.toString(ExitCodes.USAGE), "usage error");
        codes.put(Integer.toString(ExitCodes.CONFIG), "configuration error");
        spec.usageMessage().exitCodeListHeading("%nExit codes (with several mailboxes, the first failure's):%n");
        spec.usageMessage().exitCodeList(codes);
        return spec;
    }

    private static String name(ProbeFailure failure) {
        return failure == ProbeFailure.OTHER ? "other failure (the server's words say which)"
                : failure.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
