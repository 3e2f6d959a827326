package dev.replygate.store;

import dev.replygate.testsupport.StoreConfigs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CLI process connected to the daemon's server when the daemon is killed: it queues one outbox row
 * through the daemon, prints {@code connected}, waits for the file {@code go} to appear (the test makes
 * it after the kill), then queues a second row, which makes H2 reconnect and open the file itself.
 * Exits 0 when both rows are committed. Arguments: the JDBC URL, a prefix for the Message-IDs, the go file.
 */
public final class ReconnectAfterKillProcess {

    private static final long GO_LIMIT_MILLIS = 60_000;

    private ReconnectAfterKillProcess() {
    }

    public static void main(String[] args) throws Exception {
        String prefix = args[1];
        Path go = Path.of(args[2]);
        try (Store store = Store.openForCommand(StoreConfigs.h2(args[0]))) {
            store.inTransaction(c -> TestRows.insertOutbox(c, null, prefix + "-before@replygate.test"));
            System.out.println("connected");
            System.out.flush();
            long deadline = System.currentTimeMillis() + GO_LIMIT_MILLIS;
            while (!Files.exists(go)) {
                if (System.currentTimeMillis() > deadline) {
                    System.err.println("no " + go + " within " + GO_LIMIT_MILLIS + " ms");
                    System.exit(3);
                }
                Thread.sleep(20);
            }
            store.inTransaction(c -> TestRows.insertOutbox(c, null, prefix + "-after@replygate.test"));
            System.out.println("committed after the kill");
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
