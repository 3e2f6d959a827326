package dev.replygate.decide;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses Authentication-Results header values (RFC 8601, and the shapes real servers write:
 * comments anywhere, folding, any case, {@code none}, a trailing {@code ;}, bare {@code key=value}
 * properties, no authserv-id at all). Never throws: a value that does not fit the grammar gives
 * nothing, because a header the parser half understood must not count as evidence.
 */
public final class AuthenticationResults {

    /** Longer values are not parsed; real headers are a few hundred characters. */
    static final int MAX_LENGTH = 64 * 1024;

    private AuthenticationResults() {
    }

    public static Optional<AuthResults> parse(String headerValue) {
        if (headerValue == null || headerValue.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(payload(new AuthResultsScanner(headerValue)));
        } catch (AuthResultsScanner.Malformed e) {
            return Optional.empty();
        }
    }

    private static AuthResults payload(AuthResultsScanner scanner) {
        scanner.skipCfws();
        int start = scanner.mark();
        String authservId = scanner.tokenOrQuoted();
        scanner.skipCfws();
        int version = 1;
        List<MethodResult> results = new ArrayList<>();
        if (scanner.peek() == '=' || scanner.peek() == '/') {
            // no authserv-id: what was read is the first method (Microsoft 365 writes headers so)
            scanner.reset(start);
            authservId = "";
            results.add(resinfo(scanner));
        } else if (scanner.atDigit()) {
            version = scanner.digits();
        }
        while (true) {
            scanner.skipCfws();
            if (scanner.atEnd()) {
                return new AuthResults(authservId, version, results);
            }
            scanner.expect(';');
            scanner.skipCfws();
            if (scanner.atEnd() || scanner.peek() == ';') {
                continue;
            }
            int beforeMethod = scanner.mark();
            String keyword = scanner.keyword();
            scanner.skipCfws();
            if (keyword.equals("none") && (scanner.atEnd() || scanner.peek() == ';')) {
                continue;
            }
            scanner.reset(beforeMethod);
            results.add(resinfo(scanner));
        }
    }

    /** {@code method[/version] = result [reason=value] [ptype.property=value …]}, up to the next {@code ;}. */
    private static MethodResult resinfo(AuthResultsScanner scanner) {
        String method = scanner.keyword();
        scanner.skipCfws();
        if (scanner.skip('/')) {
            scanner.skipCfws();
            scanner.digits();
            scanner.skipCfws();
        }
        scanner.expect('=');
        scanner.skipCfws();
        String result = scanner.keyword();
        String reason = null;
        List<AuthProperty> properties = new ArrayList<>();
        while (true) {
            scanner.skipCfws();
            if (scanner.atEnd() || scanner.peek() == ';') {
                return new MethodResult(method, result, reason, properties);
            }
            String type = scanner.keyword();
            scanner.skipCfws();
            String name = "";
            if (scanner.skip('.')) {
                scanner.skipCfws();
                name = scanner.keyword();
                scanner.skipCfws();
            }
            scanner.expect('=');
            scanner.skipCfws();
            String value = scanner.value();
            if (name.isEmpty() && type.equals("reason") && reason == null) {
                reason = value;
            } else if (name.isEmpty()) {
                properties.add(new AuthProperty("", type, value));
            } else {
                properties.add(new AuthProperty(type, name, value));
            }
        }
    }
}
