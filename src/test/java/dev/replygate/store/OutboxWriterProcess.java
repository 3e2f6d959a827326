package dev.replygate.store;

import dev.replygate.testsupport.StoreConfigs;

/**
 * A second replygate process (as the CLI beside the daemon): opens the store at the URL given
 * and queues one outbox row with the Message-ID given. Exits 0 when the row is committed.
 */
public final class OutboxWriterProcess {

    private OutboxWriterProcess() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: OutboxWriterProcess <jdbc-url> <message-id>");
            System.exit(2);
        }
        try (Store store = Store.open(StoreConfigs.h2(args[0]))) {
            long id = store.inTransaction(c -> TestRows.insertOutbox(c, null, args[1]));
            System.out.println("inserted outbox row " + id);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
