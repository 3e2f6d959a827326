package dev.replygate.store;

import java.nio.file.Path;

/**
 * A process that holds an H2 store's owner lock and nothing else, as a daemon that has the store open does:
 * takes {@code <store>.owner.lock} for the store path (without extension) given, prints {@code locked}, and
 * waits until it is killed; {@code busy} when another process holds it. With a second argument
 * {@code probe} it ends once it has printed.
 */
public final class HoldOwnerLockProcess {

    private HoldOwnerLockProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path database = Path.of(args[0]);
        if (PrivateLockFile.tryLock(database.resolveSibling(database.getFileName() + ".owner.lock")).isEmpty()) {
            System.out.println("busy");
            return;
        }
        System.out.println("locked");
        System.out.flush();
        if (args.length > 1 && "probe".equals(args[1])) {
            return;
        }
        Thread.sleep(Long.MAX_VALUE); // until killed
    }
}
