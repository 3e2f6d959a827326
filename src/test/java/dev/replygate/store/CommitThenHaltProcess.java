package dev.replygate.store;

import dev.replygate.testsupport.StoreConfigs;

/**
 * A process that stops hard right after a commit, as a crash or kill -9 would stop the daemon:
 * opens the store at the URL given, commits one outbox row with the Message-ID given, and halts
 * without closing anything.
 */
public final class CommitThenHaltProcess {

    static final int HALT_STATUS = 5;

    private CommitThenHaltProcess() {
    }

    public static void main(String[] args) {
        Store store = Store.open(StoreConfigs.h2(args[0]));
        store.inTransaction(c -> TestRows.insertOutbox(c, null, args[1]));
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}
