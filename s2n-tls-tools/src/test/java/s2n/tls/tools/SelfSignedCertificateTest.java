package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.x509.CertificateValidator;
import s2n.tls.internal.x509.HostNames;

/** The certificate s2nd makes for itself, read back by the JDK and by the library's own checks. */
class SelfSignedCertificateTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @Test
    void certificateParsesAndVerifiesItsOwnSignature() throws Exception {
        SelfSignedCertificate self = SelfSignedCertificate.generate("localhost", "127.0.0.1", "::1");
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(self.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(self.certificate(), parsed);
        parsed.verify(parsed.getPublicKey());
        assertEquals(3, parsed.getVersion());
        assertEquals("SHA256withECDSA", parsed.getSigAlgName());
        assertEquals(256, ((ECPublicKey) parsed.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        byte[] prime256v1 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
        byte[] spki = parsed.getPublicKey().getEncoded();
        assertArrayEquals(prime256v1, Arrays.copyOfRange(spki, 13, 23), "namedCurve prime256v1 in the SPKI");
        assertEquals("CN=localhost", parsed.getSubjectX500Principal().getName());
        assertEquals(parsed.getSubjectX500Principal(), parsed.getIssuerX500Principal());
    }

    @Test
    void extensionsAreTheOnesAServerNeeds() throws Exception {
        X509Certificate cert = SelfSignedCertificate.generate("localhost", "127.0.0.1", "::1").certificate();
        assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1")),
                List.copyOf(cert.getSubjectAlternativeNames()));
        assertEquals(-1, cert.getBasicConstraints()); // not a CA
        assertEquals(java.util.Set.of("2.5.29.19", "2.5.29.15"), cert.getCriticalExtensionOIDs());
        boolean[] keyUsage = cert.getKeyUsage();
        assertTrue(keyUsage[0], "digitalSignature");
        for (int i = 1; i < keyUsage.length; i++) {
            assertFalse(keyUsage[i], "key usage bit " + i);
        }
        assertEquals(List.of(SERVER_AUTH, CLIENT_AUTH), cert.getExtendedKeyUsage());
    }

    @Test
    void validFromAnHourAgoForThirtyDays() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate cert = SelfSignedCertificate.generate("localhost").certificate();
        Instant after = Instant.now();
        Instant notBefore = cert.getNotBefore().toInstant();
        assertFalse(notBefore.isBefore(before.minus(Duration.ofHours(1))), notBefore.toString());
        assertFalse(notBefore.isAfter(after.minus(Duration.ofHours(1))), notBefore.toString());
        assertEquals(Duration.ofDays(30), Duration.between(notBefore, cert.getNotAfter().toInstant()));
    }

    @Test
    void serialIsRandomPositiveAndSixteenBytes() {
        X509Certificate a = SelfSignedCertificate.generate("a.example").certificate();
        X509Certificate b = SelfSignedCertificate.generate("a.example").certificate();
        for (X509Certificate cert : List.of(a, b)) {
            assertEquals(1, cert.getSerialNumber().signum());
            assertEquals(16, cert.getSerialNumber().toByteArray().length);
        }
        assertNotEquals(a.getSerialNumber(), b.getSerialNumber());
        assertNotEquals(a.getPublicKey(), b.getPublicKey());
    }

    @Test
    void privateKeyPemIsPkcs8ForTheCertificateKey() throws Exception {
        SelfSignedCertificate self = SelfSignedCertificate.generate("localhost");
        String pem = self.privateKeyPem();
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n") && pem.endsWith("-----END PRIVATE KEY-----\n"));
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        assertArrayEquals(self.privateKey().getEncoded(), key.getEncoded());

        byte[] message = "s2nd".getBytes(StandardCharsets.US_ASCII);
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(key);
        signature.update(message);
        byte[] signed = signature.sign();
        signature.initVerify(self.certificate().getPublicKey());
        signature.update(message);
        assertTrue(signature.verify(signed));
        assertFalse(self.toString().contains(base64.substring(0, 16)));
    }

    @Test
    void libraryAcceptsItAsPinnedTrustForItsNames() {
        SelfSignedCertificate self = SelfSignedCertificate.generate("localhost", "127.0.0.1", "[::1]");
        X509Certificate cert = self.certificate();
        CertificateValidator pinned = CertificateValidator.forTrustedCertificates(List.of(cert));
        assertDoesNotThrow(() -> pinned.validate(List.of(cert), Instant.now(), true));
        assertTrue(HostNames.matches(cert, "localhost"));
        assertTrue(HostNames.matches(cert, "127.0.0.1"));
        assertTrue(HostNames.matches(cert, "::1"));
        assertFalse(HostNames.matches(cert, "example.com"));
    }

    @Test
    void datesFrom2050UseGeneralizedTime() {
        // RFC 5280 §4.1.2.5: notBefore here is UTCTime (2049), notAfter GeneralizedTime (2050).
        Instant now = Instant.parse("2049-12-31T23:30:00Z");
        X509Certificate cert = SelfSignedCertificate.generate(now, "future.example").certificate();
        assertEquals(Instant.parse("2049-12-31T22:30:00Z"), cert.getNotBefore().toInstant());
        assertEquals(Instant.parse("2050-01-30T22:30:00Z"), cert.getNotAfter().toInstant());
    }

    @Test
    void longNamesNeedMultiByteDerLengths() {
        String longName = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + ".example";
        X509Certificate cert = SelfSignedCertificate.generate(longName).certificate();
        assertEquals("CN=" + longName, cert.getSubjectX500Principal().getName());
    }

    @Test
    void rejectsMissingAndMalformedNames() {
        assertThrows(IllegalArgumentException.class, SelfSignedCertificate::generate);
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.generate(""));
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.generate("bad name"));
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.generate("bücher.example"));
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.generate("fe80::1%eth0"));
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.generate("1::2::3"));
    }
}
