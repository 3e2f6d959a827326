package dev.replygate.store;

import dev.replygate.testsupport.StoreConfigs;

/**
 * A process that has the H2 store open and writes nothing: opens the store at the JDBC URL given,
 * prints {@code open}, and waits until it is killed.
 */
public final class HoldOpenProcess {

    private HoldOpenProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (Store store = Store.open(StoreConfigs.h2(args[0]))) {
            System.out.println("open");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // until killed
        }
    }
}
