package dev.replygate.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * How a reload ended: applied (the new configuration runs), or refused with the problems found, each as
 * {@code check-config} prints it (the old configuration keeps running).
 */
record ReloadOutcome(boolean applied, List<String> lines) {

    ReloadOutcome {
        lines = List.copyOf(lines);
    }

    static ReloadOutcome applied(Path configFile) {
        return new ReloadOutcome(true, List.of("configuration reloaded: " + configFile));
    }

    static ReloadOutcome refused(List<String> problems) {
        return new ReloadOutcome(false, problems);
    }
}
