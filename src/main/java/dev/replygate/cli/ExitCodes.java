package dev.replygate.cli;

/** Process exit codes; 78 (EX_CONFIG) tells a service manager not to restart-loop on a bad config. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int CONFIG = 78;

    private ExitCodes() {
    }
}
