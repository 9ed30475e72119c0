package dev.sluice.policy.masking;

import dev.sluice.model.Redaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.model.Delta;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exact outputs of each action. */
class ActionsTest {

    private static String redact(Detector detector, MaskingAction action, String text) {
        return TestProfiles.single(detector, action).redactAll(text).text();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "email|mail john@example.com.|mail [EMAIL].",
            "phone|call 415-555-2671|call [PHONE]",
            "card|4242 4242 4242 4242|[CARD]",
            "iban|DE89370400440532013000|[IBAN]",
            "ip|at 10.0.0.1|at [IP]",
            "api_key|AKIAIOSFODNN7EXAMPLE|[API_KEY]",
            "jwt|eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln|[JWT]",
    })
    void maskShowsTheDetectorName(String detector, String text, String expected) {
        assertEquals(expected, redact(BuiltInDetectors.byName(detector).orElseThrow(), MaskingAction.MASK, text));
    }

    @Test
    void customPatternsAndTermsMaskAsRedacted() {
        assertEquals("id [REDACTED]", redact(new CustomDetector("employee_id", TestProfiles.EMPLOYEE_ID), MaskingAction.MASK, "id EMP-000042"));
        assertEquals("the [REDACTED] deal", redact(new TermsDetector(List.of("acme")), MaskingAction.MASK, "the Acme deal"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "email|mail john@example.com|mail j***@example.com",
            "card|4242-4242-4242-4242|**** **** **** 4242",
            "card|378282246310005|**** **** **** 0005",
            "ip|host 192.168.1.10|host 19***10",
            "ip|host 2001:db8::1|host 20***:1",
            "phone|call +44 20 7946 0958|call +4***58",
            "iban|DE89 3704 0044 0532 0130 00|DE***00",
            "api_key|AKIAIOSFODNN7EXAMPLE|AK***LE",
            "ip|host 10.0.0.1|host 10***.1",
    })
    void partialKeepsALittle(String detector, String text, String expected) {
        assertEquals(expected, redact(BuiltInDetectors.byName(detector).orElseThrow(), MaskingAction.PARTIAL, text));
    }

    @Test
    void partialOfAShortValueKeepsNothing() {
        assertEquals("the *** deal", redact(new TermsDetector(List.of("acme")), MaskingAction.PARTIAL, "the Acme deal"));
    }

    @Test
    void hashIsAKeyedStableShortHmac() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(TestProfiles.KEY, "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal("john@example.com".getBytes(StandardCharsets.UTF_8)))
                .substring(0, 8);

        String once = redact(new EmailDetector(), MaskingAction.HASH, "to john@example.com");
        assertEquals("to [EMAIL:" + expected + "]", once);
        assertEquals(once, redact(new EmailDetector(), MaskingAction.HASH, "to john@example.com"));
        assertNotEquals(once, redact(new EmailDetector(), MaskingAction.HASH, "to jane@example.com"));

        MaskingProfile otherKey = new MaskingProfile("k", List.of(new DetectorRule(new EmailDetector(), MaskingAction.HASH)),
                true, 64, "another key".getBytes(StandardCharsets.UTF_8), RedactionListener.NONE);
        assertNotEquals(once, otherKey.redactAll("to john@example.com").text());
        assertTrue(once.matches("to \\[EMAIL:[0-9a-f]{8}]"));
    }

    @Test
    void dropRemovesTheValueAndStillReportsIt() {
        Redacted r = TestProfiles.single(new PhoneDetector(), MaskingAction.DROP).redactAll("call 415-555-2671 now");
        assertEquals("call  now", r.text());
        assertEquals(List.of(new Redaction("phone", "drop", "")), r.redactions());
    }

    @Test
    void blockStopsTheWholeTextRedactionWhereTheValueBegins() {
        Redacted r = TestProfiles.all(MaskingAction.MASK, 64).redactAll("x");
        assertEquals(false, r.blocked());
        MaskingProfile profile = new MaskingProfile("b", List.of(
                new DetectorRule(new EmailDetector(), MaskingAction.MASK),
                new DetectorRule(new JwtDetector(), MaskingAction.BLOCK)), true, 64, TestProfiles.KEY, RedactionListener.NONE);
        r = profile.redactAll("a@b.io then eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln and more");
        assertEquals("[EMAIL] then ", r.text());
        assertEquals(true, r.blocked());
        assertEquals(List.of(new Redaction("email", "mask", "[EMAIL]"), new Redaction("jwt", "block", "[JWT]")),
                r.redactions());
    }
}
