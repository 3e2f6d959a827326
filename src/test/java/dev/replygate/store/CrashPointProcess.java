package dev.replygate.store;

/** Reaches the crash point named by its argument, then exits 0: for {@link CrashPointsTest}. */
public final class CrashPointProcess {

    private CrashPointProcess() {
    }

    public static void main(String[] args) {
        CrashPoints.reach(args[0]);
        System.exit(0);
    }
}
