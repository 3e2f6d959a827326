package dev.replygate.decide;

import dev.replygate.address.DomainNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DomainsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "user@Example.COM       | example.com",
            "@example.com           | example.com",
            "example.com.           | example.com",
            "<user@example.com>     | example.com",
            "\"a@b\"@example.com    | example.com",
            "bücher.example         | xn--bcher-kva.example",
            "user@                  | ''",
            "none@[192.0.2.1]       | ''",
            "a..b                   | ''",
            "-bad.example           | ''",
            "''                     | ''",
    })
    void domainOfAnAddressOrDomain(String text, String domain) {
        assertThat(DomainNames.of(text)).isEqualTo(domain);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "example.com      | example.com      | true",
            "mail.example.com | example.com      | true",
            "example.com      | mail.example.com | true",
            "a.b.example.com  | example.com      | true",
            "a.example.com    | b.example.com    | false",
            "example.com      | example.net      | false",
            "notexample.com   | example.com      | false",
            "example.com      | com              | false",
            "com              | example.com      | false",
            "localhost        | localhost        | true",
            "''               | example.com      | false",
            "''               | ''               | false",
    })
    void alignment(String first, String second, boolean aligned) {
        assertThat(Domains.aligned(first, second)).isEqualTo(aligned);
    }
}
