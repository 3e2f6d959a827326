package dev.replygate.probe;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;

import static org.assertj.core.api.Assertions.assertThat;

/** The failures the IT cannot stage on loopback (DNS, timeouts, a certificate for another host, expiry). */
class FailureDiagnosisTest {

    private static final String SERVER = "imap.example.com:993";

    private static ProbeReport.Failure diagnose(Exception e, boolean oauth2) {
        return FailureDiagnosis.connectFailed(new ProbeReport("test"), e, SERVER, "support@example.com", oauth2)
                .failure().orElseThrow();
    }

    private static MessagingException wrapped(Exception cause) {
        return new MessagingException("Couldn't connect to host, port: imap.example.com, 993; timeout 20000", cause);
    }

    @Test
    void anUnknownHostIsDns() {
        var failure = diagnose(wrapped(new UnknownHostException("imap.example.com")), false);

        assertThat(failure.kind()).isEqualTo(ProbeFailure.DNS);
        assertThat(failure.diagnosis()).isEqualTo("host imap.example.com not found in DNS");
    }

    @Test
    void aConnectTimeoutIsATimeout() {
        assertThat(diagnose(wrapped(new SocketTimeoutException("Connect timed out")), false).kind())
                .isEqualTo(ProbeFailure.TIMEOUT);
    }

    @Test
    void aCertificateForAnotherHostIsNamedSo() {
        var failure = diagnose(wrapped(new SSLHandshakeException("No subject alternative DNS name matching"
                + " imap.example.com found.")), false);

        assertThat(failure.kind()).isEqualTo(ProbeFailure.CERTIFICATE_HOST);
        assertThat(failure.diagnosis()).startsWith("the certificate of imap.example.com:993 is not valid for"
                + " imap.example.com");
    }

    @Test
    void anExpiredCertificateSaysItsDatesAreOut() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path validation failed");
        handshake.initCause(new CertificateException(new CertificateExpiredException("NotAfter: 2020-01-01")));

        var failure = diagnose(wrapped(handshake), false);

        assertThat(failure.kind()).isEqualTo(ProbeFailure.CERTIFICATE_UNTRUSTED);
        assertThat(failure.diagnosis()).contains("out of its validity dates");
    }

    @Test
    void aRefusedLoginWithATokenIsATokenRejected() {
        var failure = diagnose(new AuthenticationFailedException("AUTHENTICATE failed."), true);

        assertThat(failure.kind()).isEqualTo(ProbeFailure.TOKEN_REJECTED);
        assertThat(failure.diagnosis()).isEqualTo("the OAuth2 token for support@example.com was refused by "
                + SERVER + ": AUTHENTICATE failed.");
    }

    @Test
    void aServersWordsCannotBreakTheLine() {
        var failure = diagnose(new AuthenticationFailedException("NO bad\r\nFAIL forged line"), false);

        assertThat(failure.diagnosis()).doesNotContain("\n").doesNotContain("\r").contains("NO bad FAIL forged line");
    }

    @Test
    void everyKindHasItsOwnExitCode() {
        assertThat(java.util.Arrays.stream(ProbeFailure.values()).map(ProbeFailure::exitCode)).doesNotHaveDuplicates()
                .doesNotContain(0, 2, 78);
    }
}
