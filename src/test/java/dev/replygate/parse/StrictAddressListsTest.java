package dev.replygate.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The parser kept per thread reads every field as a new {@link DefaultAddressParser} does, whatever came before. */
class StrictAddressListsTest {

    private static final List<String> FIELDS = List.of(
            "alice@example.org",
            "Alice Example <alice@example.org>",
            "\"Example, Alice\" <alice@example.org>, bob@example.net",
            "=?UTF-8?B?2YXYsdmK2YU=?= <maryam@example.ir>",
            "مریم <maryam@example.ir>",
            "<>",
            "MAILER-DAEMON <>",
            "team: a@example.org, b@example.org;",
            "<@relay.example:alice@example.org>",
            "alice@[192.0.2.1]",
            "alice (the (nested) comment) @example.org",
            "<alice@example.org",
            "alice@@example.org",
            "\"unterminated <alice@example.org>",
            "(((",
            "a@b, , c@d",
            "\u0000\r\n <x@y>",
            "\uD800@example.org",
            "Name \uDC00\uD800 <a@example.org>");

    @Test
    void thisMime4jsBuilderIsReachedSoEachThreadKeepsItsParser() {
        assertThat(StrictAddressLists.reusesParsers()).isTrue();
    }

    @Test
    void everyKnownShapeReadsAsANewParserReadsIt() {
        for (String field : FIELDS) {
            assertThat(kept(field)).as(field).isEqualTo(fresh(field));
        }
    }

    @Test
    void aFieldAfterOneTheGrammarRefusedReadsAsItsOwn() {
        for (String broken : List.of("<alice@example.org", "(((", "alice@@example.org", "\"x")) {
            for (String field : FIELDS) {
                kept(broken);
                assertThat(kept(field)).as(broken + " then " + field).isEqualTo(fresh(field));
            }
        }
    }

    @Test
    void fieldsLongerThanTheParsersBufferAndShortOnesAfterThem() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            many.append(i == 0 ? "" : ", ").append("Person ").append(i).append(" <p").append(i).append("@example.org>");
        }
        String longField = many.toString();
        assertThat(longField.length()).isGreaterThan(4096 * 2);
        assertThat(kept(longField)).isEqualTo(fresh(longField));
        assertThat(kept("alice@example.org")).isEqualTo(fresh("alice@example.org"));
    }

    @Test
    void threadsReadTheirOwnFieldsAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                Callable<Boolean> reader = () -> {
                    for (int i = 0; i < 500; i++) {
                        String field = "Person " + (i + offset) + " <p" + (i * 7 + offset) + "@example.org>, x" + i + "@example.net";
                        if (!kept(field).equals(fresh(field))) {
                            return false;
                        }
                    }
                    return true;
                };
                results.add(threads.submit(reader));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * mime4j's lexer counts the depth of nested comments in a static field, shared by every parser: fields with
     * comments read on two threads at once must still read as each alone.
     */
    @Test
    void fieldsWithNestedCommentsReadOnManyThreadsAtOnce() throws Exception {
        List<String> fields = List.of("alice (a (b (c) b) a) @example.org", "(x(y)) bob@example.net (z)",
                "Carol (c) <carol (((deep))) @example.com>", "(((((((unbalanced <dan@example.org>",
                "eve@example.org (one) (two) (three)");
        List<String> alone = fields.stream().map(StrictAddressListsTest::kept).toList();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(threads.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < 5_000; i++) {
                        int which = (i + offset) % fields.size();
                        if (!kept(fields.get(which)).equals(alone.get(which))) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(120, TimeUnit.SECONDS)).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Property(tries = 2000)
    void anyFieldReadsAsANewParserReadsIt(@ForAll("fields") String field) {
        assertThat(kept(field)).isEqualTo(fresh(field));
    }

    @Provide
    Arbitrary<String> fields() {
        Arbitrary<String> pieces = Arbitraries.of("alice", "@", "example.org", "<", ">", "\"", "\\", "(", ")", ",", ";",
                ":", " ", ".", "[", "]", "=?UTF-8?Q?caf=C3=A9?=", "مریم", "\t", "\r\n ", "bob", "+tag", "-", "\u00e9",
                "\uD800", "\uDC00");
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(40);
        return Arbitraries.oneOf(pieces.list().ofMaxSize(25).map(p -> String.join("", p)), any);
    }

    /** What {@link StrictAddressLists} makes of {@code field}: its addresses spelled out, or the kind of its refusal. */
    private static String kept(String field) {
        try {
            return spelled(StrictAddressLists.parse(field));
        } catch (Exception | Error e) {
            return "refused: " + e.getClass().getName();
        }
    }

    private static String fresh(String field) {
        try {
            return spelled(DefaultAddressParser.DEFAULT.parseAddressList(field, DecodeMonitor.SILENT));
        } catch (Exception | Error e) {
            return "refused: " + e.getClass().getName();
        }
    }

    private static String spelled(AddressList addresses) {
        StringBuilder out = new StringBuilder();
        for (Address address : addresses) {
            if (address instanceof Group group) {
                out.append("group ").append(group.getName()).append(": ");
                group.getMailboxes().forEach(m -> out.append(spelled(m)).append("; "));
            } else {
                out.append(spelled((Mailbox) address)).append(", ");
            }
        }
        return out.toString();
    }

    private static String spelled(Mailbox mailbox) {
        return "[" + mailbox.getName() + "|" + mailbox.getLocalPart() + "|" + mailbox.getDomain() + "|"
                + mailbox.getRoute() + "]";
    }
}
