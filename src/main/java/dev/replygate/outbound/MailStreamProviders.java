package dev.replygate.outbound;

import jakarta.mail.util.StreamProvider;

/**
 * Names Angus Mail's stream provider (the encoders and decoders Jakarta Mail writes and reads body parts
 * with) in the system property Jakarta Mail looks at first. Without it, Jakarta Mail 2.1 finds the provider
 * with a {@link java.util.ServiceLoader}, scanning the class path, each time it encodes a body part: about a
 * fifth of the inbound stage's CPU went there, composing the answers (issue 12's profile).
 */
public final class MailStreamProviders {

    static final String PROPERTY = StreamProvider.class.getName();
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreamProviders() {
    }

    /**
     * Sets the property to Angus Mail's provider, unless it is set already or that class is missing (then
     * Jakarta Mail keeps looking it up: slower, still correct; a named class it cannot load would fail
     * every message).
     */
    public static void nameAngus() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(ANGUS, false, ClassLoader.getSystemClassLoader()).asSubclass(StreamProvider.class);
        } catch (ClassNotFoundException | ClassCastException e) {
            return;
        }
        System.setProperty(PROPERTY, ANGUS);
    }
}
