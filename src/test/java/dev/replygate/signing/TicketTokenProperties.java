package dev.replygate.signing;

import dev.replygate.address.MailAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Chars;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class TicketTokenProperties {

    private final SignedMessageIds ids = new SignedMessageIds(TestKeys.k1Only(), "support.example.com");
    private final ReplyTokens tokens = new ReplyTokens(TestKeys.k1Only(),
            new MailAddress("support@example.com", ""));

    @Provide
    Arbitrary<String> ticketIds() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('_', '-').ofMinLength(1).ofMaxLength(64);
    }

    @Property
    void everyTicketIdRoundTrips(@ForAll("ticketIds") String ticketId) {
        assertThat(TicketIds.decode(TicketIds.encode(ticketId))).contains(ticketId);
        assertThat(ids.verify(ids.create(ticketId))).map(VerifiedTicket::ticketId).contains(ticketId);
        assertThat(tokens.verifyToken(tokens.tokenFor(ticketId))).map(VerifiedTicket::ticketId).contains(ticketId);
    }

    @Property
    void aTamperedMessageIdNeverVerifies(@ForAll("ticketIds") String ticketId, @ForAll("tampers") Tamper tamper) {
        String id = ids.create(ticketId);
        String tampered = tamper.apply(id);
        Assume.that(!tampered.equalsIgnoreCase(id));

        assertThat(ids.verify(tampered)).isEmpty();
    }

    @Property
    void aTamperedTokenNeverVerifies(@ForAll("ticketIds") String ticketId, @ForAll("tampers") Tamper tamper) {
        String token = tokens.tokenFor(ticketId);
        String tampered = tamper.apply(token);
        Assume.that(!tampered.equalsIgnoreCase(token));

        assertThat(tokens.verifyToken(tampered)).isEmpty();
        assertThat(tokens.verifyAddress("support+" + tampered + "@example.com")).isEmpty();
    }

    @Property
    void aForgedMacNeverVerifies(@ForAll("ticketIds") String ticketId,
                                 @ForAll @Chars({'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c',
                                         'd', 'e', 'f'}) char filler) {
        String token = tokens.tokenFor(ticketId);
        String forged = token.substring(0, token.length() - 20) + String.valueOf(filler).repeat(20);
        Assume.that(!forged.equals(token));

        assertThat(tokens.verifyToken(forged)).isEmpty();
    }

    @Provide
    Arbitrary<Tamper> tampers() {
        Arbitrary<Integer> positions = Arbitraries.integers().between(0, 300);
        Arbitrary<Character> chars = Arbitraries.chars().range('!', '~'); // whitespace around a value is ignored by design
        Arbitrary<Tamper> replace = positions.flatMap(p -> chars.map(c -> new Tamper(Tamper.Kind.REPLACE, p, c)));
        Arbitrary<Tamper> insert = positions.flatMap(p -> chars.map(c -> new Tamper(Tamper.Kind.INSERT, p, c)));
        Arbitrary<Tamper> delete = positions.map(p -> new Tamper(Tamper.Kind.DELETE, p, ' '));
        return Arbitraries.oneOf(replace, insert, delete);
    }

    /** One random change to a string: a character replaced, inserted or removed. */
    record Tamper(Kind kind, int position, char c) {

        enum Kind { REPLACE, INSERT, DELETE }

        String apply(String value) {
            int at = position % (kind == Kind.INSERT ? value.length() + 1 : value.length());
            StringBuilder changed = new StringBuilder(value);
            switch (kind) {
                case REPLACE -> changed.setCharAt(at, c);
                case INSERT -> changed.insert(at, c);
                case DELETE -> changed.deleteCharAt(at);
            }
            return changed.toString();
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(Locale.ROOT) + "@" + position + (kind == Kind.DELETE ? "" : " '" + c + "'");
        }
    }

    @Property(tries = 200)
    void foldingTheCaseNeverMatters(@ForAll("ticketIds") String ticketId, @ForAll boolean upper) {
        String id = ids.create(ticketId);
        String folded = upper ? id.toUpperCase(Locale.ROOT) : id.toLowerCase(Locale.ROOT);

        assertThat(ids.verify(folded)).map(VerifiedTicket::ticketId).contains(ticketId);
    }
}
