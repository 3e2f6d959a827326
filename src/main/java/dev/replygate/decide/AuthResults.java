package dev.replygate.decide;

import java.util.List;
import java.util.Objects;

/**
 * One parsed Authentication-Results header (RFC 8601).
 *
 * @param authservId the authentication service identifier, as written; empty when the server wrote none
 *                   (Microsoft 365 does not)
 * @param version    the header's version; 1 when not written
 * @param results    the method results in the order written; empty for {@code none}
 */
public record AuthResults(String authservId, int version, List<MethodResult> results) {

    public AuthResults {
        Objects.requireNonNull(authservId, "authservId");
        results = List.copyOf(results);
    }
}
