package dev.replygate.testsupport;

import com.sun.security.auth.module.UnixSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The account a test cluster runs as. {@code initdb} and {@code postgres} refuse to run as
 * root, and CI runs as root: then the cluster belongs to {@code nobody}, its folders are
 * handed to that account and its programs run through {@code runuser}. Otherwise it is the
 * current user and programs run as they are.
 */
final class ClusterAccount {

    static final String UNPRIVILEGED = "nobody";
    private static final List<Path> RUNUSER = List.of(
            Path.of("/usr/sbin/runuser"), Path.of("/sbin/runuser"), Path.of("/usr/bin/runuser"));

    private final Optional<Path> runuser;

    private ClusterAccount(Optional<Path> runuser) {
        this.runuser = runuser;
    }

    /** The account for this process: {@code nobody} when it runs as root, else itself. */
    static ClusterAccount forThisProcess() {
        if (!isRoot()) {
            return new ClusterAccount(Optional.empty());
        }
        Path runuser = RUNUSER.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("running as root, PostgreSQL must run as "
                        + UNPRIVILEGED + " through runuser, which is missing (Debian package util-linux;"
                        + " see scripts/install-test-deps.sh)"));
        return new ClusterAccount(Optional.of(runuser));
    }

    static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /** {@code command} as run by this account. */
    List<String> command(List<String> command) {
        if (runuser.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(runuser.get().toString(), "-u", UNPRIVILEGED, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives {@code folder} to this account, so that its programs can write there. */
    void own(Path folder) {
        if (runuser.isEmpty()) {
            return;
        }
        try {
            UserPrincipal user = folder.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(UNPRIVILEGED);
            Files.setOwner(folder, user);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + folder + " to " + UNPRIVILEGED, e);
        }
    }

    @Override
    public String toString() {
        return runuser.isEmpty() ? "the current user" : UNPRIVILEGED + " (through runuser)";
    }
}
