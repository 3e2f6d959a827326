package dev.replygate.cli;

import picocli.CommandLine;

/** The version from the jar's manifest ("dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"replygate " + version(), "Java " + Runtime.version()};
    }
}
