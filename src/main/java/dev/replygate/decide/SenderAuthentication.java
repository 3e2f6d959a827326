package dev.replygate.decide;

import dev.replygate.address.DomainNames;
import dev.replygate.address.MailAddress;
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
 * Says whether our own receiving server authenticated a sender address itself, not merely its
 * domain, from the Authentication-Results headers it wrote (RFC 8601).
 *
 * <p>Only headers whose authserv-id is configured as trusted count, and a pass counts only in the
 * topmost block of them ({@link TrustedAuthResults} says which and why); every other copy can be
 * forged by the sender or added by a server on the way.
 *
 * <p>A trusted failure anywhere for the address's domain is a veto, outweighing any pass:
 * {@code dmarc=fail} for {@code header.from}, {@code spf=fail} or {@code spf=softfail} for
 * {@code smtp.mailfrom} (softfail too: the domain says the host is probably not its own), and
 * {@code dkim=fail} for {@code header.d} or {@code header.i}. A real failure and a real pass of the
 * same identity cannot both be true, and a forged failure only holds an answer back.
 *
 * <p>Evidence, in this order, from the believed block, domains aligned as {@link Domains} defines:
 * <ul>
 *   <li>{@code dmarc=pass} with {@code header.from}, when the address is the message's one From
 *       address;</li>
 *   <li>{@code spf=pass} with {@code smtp.mailfrom} equal to the address (a bare domain is not enough);</li>
 *   <li>{@code dkim=pass} with {@code header.d} or the domain of {@code header.i}, when the address is
 *       the message's one From address.</li>
 * </ul>
 * DMARC and DKIM vouch for the domain of the From header only: without the From rule anyone can replay
 * a mail the domain signed with any envelope sender of that domain, and get an answer mailed to a
 * stranger there. ARC results are not evidence: they say a chain is intact, not who the sender is.
 * Headers of a version other than 1 are ignored.
 */
public final class SenderAuthentication {

    public static final String AUTHENTICATED = "authenticated";
    public static final String NO_TRUSTED_SERVER = "unauthenticated:no-trusted-authserv-id";
    public static final String NO_TRUSTED_HEADER = "unauthenticated:no-trusted-header";
    /** Followed by the method: {@code unauthenticated:dmarc-fail}, {@code …:spf-fail}, {@code …:dkim-fail}. */
    public static final String FAIL_PREFIX = "unauthenticated:";
    public static final String DMARC_FAIL = FAIL_PREFIX + "dmarc-fail";
    public static final String DOMAIN_ONLY = "unauthenticated:domain-only";
    public static final String NO_ALIGNED_PASS = "unauthenticated:no-aligned-pass";
    public static final String NO_DOMAIN = "unauthenticated:no-domain";

    private static final Predicate<MethodResult> PASSED = MethodResult::passed;

    /** Which failure of which method vetoes, in the order checked. */
    private static final List<Evidence> VETOES = List.of(
            new Evidence("dmarc", List.of("header.from"), r -> r.result().equals("fail"), true),
            new Evidence("spf", List.of("smtp.mailfrom"), r -> r.result().equals("fail") || r.result().equals("softfail"),
                    false),
            new Evidence("dkim", List.of("header.d", "header.i"), r -> r.result().equals("fail"), true));

    /** Which pass of which method speaks for the sender, in order of preference. */
    private static final List<Evidence> PASSES = List.of(
            new Evidence("dmarc", List.of("header.from"), PASSED, true),
            new Evidence("spf", List.of("smtp.mailfrom"), PASSED, false),
            new Evidence("dkim", List.of("header.d", "header.i"), PASSED, true));

    private final Set<String> trustedIds;
    private final int ownReceivedAbove;

    /** Our receiving server writes its results above every Received line (it delivers itself). */
    public SenderAuthentication(Collection<String> trustedAuthservIds) {
        this(trustedAuthservIds, 0);
    }

    /**
     * @param trustedAuthservIds the authserv-ids of our own receiving servers; empty trusts nothing
     * @param ownReceivedAbove   how many Received lines our own later hops (LMTP, content filters) add
     *                           above the receiving server's Authentication-Results
     */
    public SenderAuthentication(Collection<String> trustedAuthservIds, int ownReceivedAbove) {
        if (ownReceivedAbove < 0) {
            throw new IllegalArgumentException("own Received lines above must not be negative: " + ownReceivedAbove);
        }
        this.ownReceivedAbove = ownReceivedAbove;
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
        String domain = DomainNames.of(address);
        if (domain.isEmpty() || address == null || address.indexOf('@') < 0) {
            return AuthVerdict.fail(NO_DOMAIN, "no domain in address " + address);
        }
        TrustedAuthResults trusted = TrustedAuthResults.of(mail, trustedIds, ownReceivedAbove);
        if (trusted.anywhere().isEmpty()) {
            return AuthVerdict.fail(NO_TRUSTED_HEADER, "no Authentication-Results header by " + trustedIdList()
                    + " among " + mail.headers("Authentication-Results").size());
        }
        Predicate<String> aligned = value -> Domains.aligned(DomainNames.of(value), domain);
        for (Evidence veto : VETOES) {
            Optional<String> failure = first(trusted.anywhere(), veto, aligned);
            if (failure.isPresent()) {
                return AuthVerdict.fail(FAIL_PREFIX + veto.method() + "-fail", failure.get());
            }
        }
        boolean isTheFrom = isTheOneFrom(mail, address);
        for (Evidence evidence : PASSES) {
            Predicate<String> proves = evidence.vouchesForFrom() ? value -> isTheFrom && aligned.test(value)
                    : value -> MailAddress.sameAddress(value, address);
            Optional<String> pass = first(trusted.believed(), evidence, proves);
            if (pass.isPresent()) {
                return AuthVerdict.pass(pass.get());
            }
        }
        for (Evidence evidence : PASSES) {
            Optional<String> pass = first(trusted.believed(), evidence, aligned);
            if (pass.isPresent()) {
                return AuthVerdict.fail(DOMAIN_ONLY, pass.get() + " proves the domain, not the address " + address
                        + " (From " + fromList(mail) + ")");
            }
        }
        String ignored = trusted.ignoredBelow() == 0 ? "" : " (" + trusted.ignoredBelow()
                + " trusted header(s) not believed: below the topmost block or below more than "
                + ownReceivedAbove + " Received line(s), inbound.own-received-lines)";
        return AuthVerdict.fail(NO_ALIGNED_PASS, "nothing aligned with " + domain + " passed" + ignored + ": "
                + summary(trusted.believed()));
    }

    private static boolean isTheOneFrom(ParsedMail mail, String address) {
        return mail.from().size() == 1 && MailAddress.sameAddress(mail.from().get(0).address(), address);
    }

    /** "method=result identifier=value by authserv-id" of the first result that fits, in header order. */
    private static Optional<String> first(List<AuthResults> headers, Evidence evidence, Predicate<String> fits) {
        for (AuthResults header : headers) {
            for (MethodResult methodResult : header.results()) {
                if (!methodResult.method().equals(evidence.method()) || !evidence.result().test(methodResult)) {
                    continue;
                }
                for (String identifier : evidence.identifiers()) {
                    Optional<String> value = methodResult.property(identifier);
                    if (value.isPresent() && fits.test(value.get())) {
                        return Optional.of(evidence.method() + "=" + methodResult.result() + " " + identifier + "="
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
                if (PASSES.stream().anyMatch(e -> e.method().equals(result.method()))) {
                    seen.add(identified(result) + " by " + header.authservId());
                }
            }
        }
        return seen.isEmpty() ? "no dmarc, spf or dkim result" : String.join("; ", seen);
    }

    private static String identified(MethodResult result) {
        StringBuilder text = new StringBuilder(result.method()).append('=').append(result.result());
        for (Evidence evidence : PASSES) {
            if (evidence.method().equals(result.method())) {
                for (String identifier : evidence.identifiers()) {
                    result.property(identifier).ifPresent(v -> text.append(' ').append(identifier).append('=').append(v));
                }
            }
        }
        return text.toString();
    }

    private static String fromList(ParsedMail mail) {
        return mail.from().isEmpty() ? "(none)"
                : String.join(", ", mail.from().stream().map(ParsedMail.Mailbox::address).toList());
    }

    private String trustedIdList() {
        return String.join(", ", trustedIds.stream().sorted().toList());
    }

    /** @param vouchesForFrom the method authenticates the From header's domain, not the envelope sender */
    private record Evidence(String method, List<String> identifiers, Predicate<MethodResult> result,
                            boolean vouchesForFrom) {
    }
}
