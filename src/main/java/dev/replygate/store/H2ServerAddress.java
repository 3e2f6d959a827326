package dev.replygate.store;

import org.h2.engine.SysProperties;

/**
 * Keeps the server H2 starts for {@code AUTO_SERVER} on loopback. H2 starts it for every address of
 * the host (and lets remote clients in) unless its system property {@value #PROPERTY} names one; it
 * reads that property once, when its settings class loads, and writes the address it binds into the
 * lock file, where the other processes of replygate find it.
 */
final class H2ServerAddress {

    static final String PROPERTY = "h2.bindAddress";
    static final String LOOPBACK = "127.0.0.1";

    private H2ServerAddress() {
    }

    /** Sets the property for H2 to read when it loads; does not load H2. */
    static void prefer() {
        System.setProperty(PROPERTY, LOOPBACK);
    }

    /**
     * Makes H2 bind its servers to loopback; fails when H2 was loaded before with another address, as
     * its server would then listen where other hosts reach it.
     */
    static void requireLoopback() {
        prefer();
        if (!LOOPBACK.equals(SysProperties.BIND_ADDRESS)) {
            throw new StoreException("H2 was loaded with " + PROPERTY + "=" + SysProperties.BIND_ADDRESS
                    + " before replygate opened its store; its server must listen on " + LOOPBACK + " only");
        }
    }
}
