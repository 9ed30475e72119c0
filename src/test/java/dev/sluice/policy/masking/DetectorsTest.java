package dev.sluice.policy.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What each detector finds and what it leaves alone, through a profile with every detector on {@code mask}. */
class DetectorsTest {

    private final MaskingProfile profile = TestProfiles.all(MaskingAction.MASK, 64);

    private String masked(String text) {
        return profile.redactAll(text).text();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mail john.doe@example.com now|mail [EMAIL] now",
            "a+b_c@mail.example.co.uk.|[EMAIL].",
            "<j@example.org>|<[EMAIL]>",
            "call +44 20 7946 0958 today|call [PHONE] today",
            "call +1 (415) 555-2671.|call [PHONE].",
            "call 415-555-2671|call [PHONE]",
            "call (415) 555-2671|call [PHONE]",
            "call 415.555.2671 or 415 555 2671|call [PHONE] or [PHONE]",
            "call +442079460958|call [PHONE]",
            "call +33 1 23 45 67 89|call [PHONE]",
            "card 4242 4242 4242 4242 ok|card [CARD] ok",
            "card 4242-4242-4242-4242|card [CARD]",
            "card 4242424242424242|card [CARD]",
            "card 5555555555554444|card [CARD]",
            "amex 3782 822463 10005|amex [CARD]",
            "iban DE89 3704 0044 0532 0130 00 ok|iban [IBAN] ok",
            "iban GB82WEST12345698765432|iban [IBAN]",
            "iban NL91 ABNA 0417 1643 00.|iban [IBAN].",
            "host 192.168.1.10 up|host [IP] up",
            "host 10.0.0.1.|host [IP].",
            "host 2001:db8::1 up|host [IP] up",
            "host ::1|host [IP]",
            "host fe80::1ff:fe23:4567:890a|host [IP]",
            "host 2001:0db8:85a3:0000:0000:8a2e:0370:7334|host [IP]",
            "host ::ffff:192.0.2.1|host [IP]",
            "key sk-proj-abcdefghijklmnopqrstuvwxyz0123 x|key [API_KEY] x",
            "key sk-abcdefghijklmnopqrstuv|key [API_KEY]",
            "key AKIAIOSFODNN7EXAMPLE|key [API_KEY]",
            "key ghp_abcdefghijklmnopqrstuvwxyz0123456789|key [API_KEY]",
            "key gho_abcdefghijklmnopqrstuvwxyz0123456789|key [API_KEY]",
            "key ghs_abcdefghijklmnopqrstuvwxyz0123456789|key [API_KEY]",
            "key github_pat_11ABCDEFG0123456789_abcdefghijklmnop|key [API_KEY]",
            "key xoxb-123456789012-abcdefghij|key [API_KEY]",
            "key xoxp-123456789012-abcdefghij|key [API_KEY]",
            "Authorization: Bearer abcdef1234567890XYZ|Authorization: [API_KEY]",
            "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abc123_-xyz.|token [JWT].",
            "id EMP-123456 here|id [REDACTED] here",
            "about Project Falcon and ACME.|about [REDACTED] and [REDACTED].",
    })
    void findsPositives(String text, String expected) {
        assertEquals(expected, masked(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "plain words, with punctuation!",
            "john@ and @example.com and user at example dot com and x@y",
            "in 2024, on 2024-01-15, 12345 items, pi is 3.14159, 2 + 2",
            "call 555-2671 locally or extension 12",
            "card 4242 4242 4242 4241 fails Luhn",
            "card 4111111111111112 fails Luhn",
            "iban DE89 3704 0044 0532 0130 01 has a bad checksum",
            "iban GB82 WEST 1234 5698 7654 33 too",
            "version 1.2.3.4.5 and 256.1.1.1 and 12:30:45",
            "C++ uses std::vector and Foo::Bar",
            "sk-short and task-list-item and AKIA123 and the bearer of news",
            "eyJhbGci alone and eyJ.a",
            "EMP-12345 is too short and acmeish is another word",
    })
    void leavesNegativesAlone(String text) {
        assertEquals(text, masked(text));
    }
}
