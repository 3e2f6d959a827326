package dev.replygate.api;

import io.javalin.http.HttpStatus;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request body read as UTF-8 and nothing else (RFC 8259 §8.1), whatever its Content-Type said: Jackson, given
 * bytes, guesses UTF-16 or UTF-32 from the first ones and reads those too. Anything that is not UTF-8 JSON is a
 * 415: bytes that are not UTF-8, a byte order mark (which RFC 8259 forbids a sender to add), and a NUL byte, which
 * JSON has nowhere (a control character inside a string is escaped) and which every UTF-16 or UTF-32 text of
 * ASCII characters is full of, though its bytes are valid UTF-8.
 */
final class Utf8Body {

    private Utf8Body() {
    }

    static String decode(byte[] body) {
        if (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
            throw notUtf8("it starts with a byte order mark; send UTF-8 without one");
        }
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                throw notUtf8("byte " + i + " is NUL (UTF-16 or UTF-32?)");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        CharBuffer text = CharBuffer.allocate(body.length); // UTF-8 never has fewer bytes than UTF-16 has chars
        CoderResult result = decoder.decode(bytes, text, true);
        if (result.isError()) {
            throw notUtf8("byte " + bytes.position() + " is not UTF-8");
        }
        decoder.flush(text);
        return text.flip().toString();
    }

    private static ApiProblem notUtf8(String why) {
        return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, "the body must be application/json in UTF-8: "
                + why);
    }
}
