package dev.replygate.mailbox;

import dev.replygate.config.StoreConfig;
import dev.replygate.mailbox.ImapCursors.Cursor;
import dev.replygate.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The read progress tables' queries, on each database replygate runs on; subclasses give a fresh one. */
abstract class ReadProgressContract {

    private Store store;
    private ImapCursors cursors;
    private Pop3SeenList seen;

    abstract StoreConfig freshDatabase();

    @BeforeEach
    void open() {
        store = Store.open(freshDatabase());
        cursors = new ImapCursors(store, Clock.systemUTC());
        seen = new Pop3SeenList(store, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aCursorIsAbsentUntilSavedThenMovesOn() {
        assertThat(cursors.load("support", "move")).isEmpty();

        cursors.save("support", "move", new Cursor(1_700_000_000L, 41));
        cursors.save("support", "move", new Cursor(1_700_000_000L, 4_294_967_295L));

        assertThat(cursors.load("support", "move")).contains(new Cursor(1_700_000_000L, 4_294_967_295L));
    }

    @Test
    void eachMailboxAndReadModeHasItsOwnCursor() {
        cursors.save("support", "move", new Cursor(7, 10));
        cursors.save("support", "shadow", new Cursor(7, 20));
        cursors.save("billing", "move", new Cursor(8, 30));

        assertThat(cursors.load("support", "move")).contains(new Cursor(7, 10));
        assertThat(cursors.load("support", "shadow")).contains(new Cursor(7, 20));
        assertThat(cursors.load("billing", "move")).contains(new Cursor(8, 30));
        assertThat(cursors.load("billing", "keyword")).isEmpty();
    }

    @Test
    void aNewUidValidityReplacesTheCursor() {
        cursors.save("support", "keyword", new Cursor(7, 500));

        cursors.save("support", "keyword", new Cursor(9, 3));

        assertThat(cursors.load("support", "keyword")).contains(new Cursor(9, 3));
    }

    @Test
    void theSeenListAddsEachUidlOnceAndRemovesWhatIsGone() {
        String longest = "u".repeat(70);
        seen.add("support", "keep", List.of("a1", "b2", longest));
        seen.add("support", "keep", List.of("b2", "c3"));
        seen.add("support", "shadow", List.of("z9"));

        assertThat(seen.load("support", "keep")).containsExactlyInAnyOrder("a1", "b2", "c3", longest);

        seen.remove("support", "keep", Set.of("a1", "c3", "not-there"));

        assertThat(seen.load("support", "keep")).containsExactlyInAnyOrder("b2", longest);
        assertThat(seen.load("support", "shadow")).containsExactly("z9");
        assertThat(seen.load("billing", "keep")).isEmpty();
    }

    @Test
    void theKeysOfOddUidlsAreHeldAsTheyAre() {
        List<String> keys = List.of(Pop3Uidl.key("x".repeat(2000)), Pop3Uidl.key("a\0b"), Pop3Uidl.key("a b\u00e9"));
        seen.add("support", "keep", keys);

        assertThat(seen.load("support", "keep")).containsExactlyInAnyOrderElementsOf(keys);

        seen.remove("support", "keep", keys.subList(0, 1));

        assertThat(seen.load("support", "keep")).containsExactlyInAnyOrderElementsOf(keys.subList(1, 3));
    }

    @Test
    void emptyChangesTouchNothing() {
        seen.add("support", "keep", List.of());
        seen.remove("support", "keep", List.of());

        assertThat(seen.load("support", "keep")).isEmpty();
    }
}
