package dev.replygate.decide;

import dev.replygate.classify.Reason;

import dev.replygate.parse.ParsedMail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Says whether our own receiving server authenticated a sender address, from the
 * Authentication-Results headers it wrote (RFC 8601).
 *
 * <p>Only headers whose authserv-id is configured as trusted count; every other copy can be forged by
 * the sender or added by a server on the way. The receiving server must remove incoming copies that
 * carry its own authserv-id (RFC 8601 §5; OpenDKIM, OpenDMARC, Rspamd and Exim can). As a second line
 * in case one slips through, a trusted {@code dmarc=fail} for the address's domain outweighs any
 * pass: a real DMARC failure and a real aligned SPF or DKIM pass cannot both be true.
 *
 * <p>Evidence, in this order, each aligned with the address's domain as {@link Domains} defines:
 * {@code dmarc=pass} with {@code header.from}; {@code spf=pass} with {@code smtp.mailfrom};
 * {@code dkim=pass} with {@code header.d} or the domain of {@code header.i}. ARC results are not
 * evidence: they say a chain is intact, not who the sender is. Headers of a version other than 1
 * are ignored.
 */
public final class SenderAuthentication {

    public static final String AUTHENTICATED = "authenticated";
    public static final String NO_TRUSTED_SERVER = "unauthenticated:no-trusted-authserv-id";
    public static final String NO_TRUSTED_HEADER = "unauthenticated:no-trusted-header";
    public static final String DMARC_FAIL = "unauthenticated:dmarc-fail";
    public static final String NO_ALIGNED_PASS = "unauthenticated:no-aligned-pass";
    public static final String NO_DOMAIN = "unauthenticated:no-domain";

    private static final String HEADER = "Authentication-Results";

    /** Which identifier of which method speaks for the sender, in order of preference. */
    private static final List<Evidence> EVIDENCE = List.of(
            new Evidence("dmarc", List.of("header.from")),
            new Evidence("spf", List.of("smtp.mailfrom")),
            new Evidence("dkim", List.of("header.d", "header.i")));

    private final Set<String> trustedIds;

    /** @param trustedAuthservIds the authserv-ids of our own receiving servers; empty trusts nothing */
    public SenderAuthentication(Collection<String> trustedAuthservIds) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : trustedAuthservIds) {
            String trimmed = id.strip();
            if (!trimmed.isEmpty()) {
                ids.add(trimmed.toLowerCase(Locale.ROOT));
            }
        }
        this.trustedIds = Set.copyOf(ids);
    }

    public boolean trustsAnyServer() {
        return !trustedIds.isEmpty();
    }

    /** The evidence when our receiving server authenticated {@code address}; empty otherwise (see {@link #verdict}). */
    public Optional<Reason> authenticated(ParsedMail mail, String address) {
        return verdict(mail, address).passedReason();
    }

    /** Whether our receiving server authenticated {@code address}, with the evidence or what was missing. */
    public AuthVerdict verdict(ParsedMail mail, String address) {
        if (trustedIds.isEmpty()) {
            return AuthVerdict.fail(NO_TRUSTED_SERVER, "no authserv-id is trusted, so no Authentication-Results "
                    + "header counts");
        }
        String domain = Domains.of(address);
        if (domain.isEmpty() || address == null || address.indexOf('@') < 0) {
            return AuthVerdict.fail(NO_DOMAIN, "no domain in address " + address);
        }
        List<AuthResults> trusted = trustedHeaders(mail);
        if (trusted.isEmpty()) {
            return AuthVerdict.fail(NO_TRUSTED_HEADER, "no Authentication-Results header by " + trustedIdList()
                    + " among " + mail.headers(HEADER).size());
        }
        Optional<String> dmarcFailure = first(trusted, "dmarc", r -> r.result().equals("fail"), List.of("header.from"),
                domain);
        if (dmarcFailure.isPresent()) {
            return AuthVerdict.fail(DMARC_FAIL, dmarcFailure.get());
        }
        for (Evidence evidence : EVIDENCE) {
            Optional<String> pass = first(trusted, evidence.method(), MethodResult::passed, evidence.identifiers(),
                    domain);
            if (pass.isPresent()) {
                return AuthVerdict.pass(pass.get());
            }
        }
        return AuthVerdict.fail(NO_ALIGNED_PASS, "nothing aligned with " + domain + " passed: " + summary(trusted));
    }

    private List<AuthResults> trustedHeaders(ParsedMail mail) {
        List<AuthResults> trusted = new ArrayList<>();
        for (String value : mail.headers(HEADER)) {
            AuthenticationResults.parse(value)
                    .filter(results -> results.version() == 1)
                    .filter(results -> trustedIds.contains(results.authservId().toLowerCase(Locale.ROOT)))
                    .ifPresent(trusted::add);
        }
        return trusted;
    }

    /** "method=result identifier=value by authserv-id" of the first result that fits, in header order. */
    private static Optional<String> first(List<AuthResults> headers, String method, Predicate<MethodResult> result,
                                          List<String> identifiers, String domain) {
        for (AuthResults header : headers) {
            for (MethodResult methodResult : header.results()) {
                if (!methodResult.method().equals(method) || !result.test(methodResult)) {
                    continue;
                }
                for (String identifier : identifiers) {
                    Optional<String> value = methodResult.property(identifier);
                    if (value.isPresent() && Domains.aligned(Domains.of(value.get()), domain)) {
                        return Optional.of(method + "=" + methodResult.result() + " " + identifier + "="
                                + value.get() + " by " + header.authservId());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String summary(List<AuthResults> headers) {
        List<String> seen = new ArrayList<>();
        for (AuthResults header : headers) {
            for (MethodResult result : header.results()) {
                if (EVIDENCE.stream().anyMatch(e -> e.method().equals(result.method()))) {
                    seen.add(identified(result) + " by " + header.authservId());
                }
            }
        }
        return seen.isEmpty() ? "no dmarc, spf or dkim result" : String.join("; ", seen);
    }

    private static String identified(MethodResult result) {
        StringBuilder text = new StringBuilder(result.method()).append('=').append(result.result());
        for (Evidence evidence : EVIDENCE) {
            if (evidence.method().equals(result.method())) {
                for (String identifier : evidence.identifiers()) {
                    result.property(identifier).ifPresent(v -> text.append(' ').append(identifier).append('=').append(v));
                }
            }
        }
        return text.toString();
    }

    private String trustedIdList() {
        return String.join(", ", trustedIds.stream().sorted().toList());
    }

    private record Evidence(String method, List<String> identifiers) {
    }
}
