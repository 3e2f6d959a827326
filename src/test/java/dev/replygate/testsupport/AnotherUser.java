package dev.replygate.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Another account of the same host ({@value ClusterAccount#UNPRIVILEGED}), as a local attacker: runs
 * commands as it through {@code runuser}. Only root can act as another user, so there is one only when
 * the tests run as root.
 */
public final class AnotherUser {

    public static final String NAME = ClusterAccount.UNPRIVILEGED;

    private final ClusterAccount account;

    private AnotherUser(ClusterAccount account) {
        this.account = account;
    }

    /** {@value ClusterAccount#UNPRIVILEGED} when the tests run as root; empty otherwise. */
    public static Optional<AnotherUser> whenRoot() {
        if (!ClusterAccount.isRoot()) {
            return Optional.empty();
        }
        return Optional.of(new AnotherUser(ClusterAccount.forThisProcess()));
    }

    /**
     * Runs {@code command} as this user in {@code workDir} (which it must be able to enter) and waits
     * at most {@code timeout}: its exit code and what it printed.
     */
    public JavaProcess.Result run(List<String> command, Path workDir, Duration timeout) {
        return ExternalCommand.finish(account.command(command), workDir, timeout);
    }
}
