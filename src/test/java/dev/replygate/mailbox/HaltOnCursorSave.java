package dev.replygate.mailbox;

import org.h2.api.Trigger;

import java.sql.Connection;

/** An H2 trigger that stops the JVM when a cursor is saved: a crash after the dispositions, before the cursor. */
public final class HaltOnCursorSave implements Trigger {

    static final int HALT_STATUS = 4;

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) {
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}
