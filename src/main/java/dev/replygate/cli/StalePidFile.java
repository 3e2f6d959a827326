package dev.replygate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Keeps {@code replygate reload} from signalling a process that got the PID file's number after the daemon
 * that wrote the file died without removing it (SIGKILL, a power loss outside systemd): SIGHUP ends most
 * programs. The process must have started when the file says the daemon did; a file of an older version
 * says no start, and then the process's command line must be replygate's {@code run}.
 */
final class StalePidFile {

    private static final String JAR_OPTION = "-jar";
    private static final String LOG_FORMAT_OPTION = "--log-format";
    private static final String RUN = "run";

    private StalePidFile() {
    }

    /** Throws a {@link UserFacingException} unless {@code process} is the daemon that wrote {@code pidFile}. */
    static void refuseUnlessTheDaemon(Path pidFile, ProcessHandle process, ReloadFiles.Announced announced) {
        long pid = process.pid();
        ProcessStart running = ProcessStart.of(process);
        Optional<Boolean> sameStart = announced.start() == null ? Optional.empty()
                : announced.start().isSameAs(running);
        if (sameStart.isPresent()) {
            if (!sameStart.get()) {
                throw new UserFacingException("PID " + pid + " in " + pidFile + " is not the replygate daemon that "
                        + "wrote it (it started at " + running + ", the daemon at " + announced.start()
                        + "); the file is stale: remove it");
            }
            return;
        }
        // a file of an older version, or a start the system does not tell here
        Optional<List<String>> arguments = process.info().arguments().map(List::of);
        if (arguments.isEmpty()) {
            throw new UserFacingException("cannot tell whether PID " + pid + " in " + pidFile + " is the replygate "
                    + "daemon that wrote it: the system shows neither its start nor its command line; run reload "
                    + "as root or as replygate's user");
        }
        if (!runsTheDaemon(arguments.get())) {
            throw new UserFacingException("PID " + pid + " in " + pidFile + " is not a replygate daemon (it runs "
                    + process.info().command().orElse("another program") + "); the file is stale: remove it");
        }
    }

    /**
     * Whether a JVM's {@code arguments} (without the {@code java} command) run replygate's {@code run}: the
     * replygate jar ({@code -jar .../replygate*.jar}) or its main class, then {@code run}, {@code --log-format}
     * allowed before it.
     */
    static boolean runsTheDaemon(List<String> arguments) {
        int command = -1;
        for (int i = 0; i < arguments.size() && command < 0; i++) {
            String argument = arguments.get(i);
            if (JAR_OPTION.equals(argument) && i + 1 < arguments.size() && isReplygateJar(arguments.get(i + 1))) {
                command = i + 2;
            } else if (Main.class.getName().equals(argument)) {
                command = i + 1;
            }
        }
        while (command >= 0 && command < arguments.size()) {
            String argument = arguments.get(command);
            if (LOG_FORMAT_OPTION.equals(argument)) {
                command += 2;
            } else if (argument.startsWith(LOG_FORMAT_OPTION + "=")) {
                command++;
            } else {
                return RUN.equals(argument);
            }
        }
        return false;
    }

    private static boolean isReplygateJar(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.startsWith("replygate") && name.endsWith(".jar");
    }
}
