package s2n.tls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import s2n.tls.TlsException;
import s2n.tls.internal.x509.OcspResponses;
import s2n.tls.internal.x509.Pem;

/**
 * The stapled OCSP response a client checks (#13 item 3) comes from the server: any bytes must end
 * in a {@link TlsException} (bad_certificate or certificate_revoked), never another exception,
 * and nothing the fuzzer makes without the issuer's key may pass as good.
 */
class OcspFuzzTest {
    private static final List<X509Certificate> CHAIN = Pem.readCertificates(FuzzFixtures.resource("fuzz-server-chain.pem"));

    @FuzzTest
    void stapledResponses(byte[] input) {
        try {
            OcspResponses.check(input, CHAIN.get(0), CHAIN.get(1), Instant.parse("2026-12-01T00:00:00Z"));
        } catch (TlsException expected) {
            return;
        }
        throw new AssertionError("a response nobody signed with the issuer's key checked out as good");
    }
}
