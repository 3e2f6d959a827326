package dev.replygate.store;

/**
 * An H2 file store left open by a process that was killed, which a reader that must not write cannot
 * read until a process that writes has recovered it. Its message tells the admin what to do.
 */
public final class StoreNotRecoveredException extends RuntimeException {

    StoreNotRecoveredException(String message) {
        super(message);
    }
}
