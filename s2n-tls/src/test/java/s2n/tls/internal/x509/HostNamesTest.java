package s2n.tls.internal.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import s2n.tls.HostVerifier;
import s2n.tls.testing.TestPki;
import s2n.tls.testing.TestPki.KeyType;

/** RFC 6125 host name matching: the wildcard table, IP literals, and when the common name counts. */
class HostNamesTest {
    private static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    private static GeneralName ip(String address) {
        return new GeneralName(GeneralName.iPAddress, address);
    }

    // ---- names ----

    @Test
    void namesAreSanDnsAndIpInCertificateOrder() {
        X509Certificate cert = TestCertificates.withNames("CN=ignored.example",
                dns("a.example"), ip("127.0.0.1"), new GeneralName(GeneralName.rfc822Name, "me@example.com"),
                dns("*.b.example"), ip("::1"));
        assertEquals(List.of("a.example", "127.0.0.1", "*.b.example", "0:0:0:0:0:0:0:1"), HostNames.names(cert));
    }

    @Test
    void namesFallBackToEveryCommonNameWithoutSanDnsOrIp() {
        assertEquals(List.of("one.example", "two.example"),
                HostNames.names(TestCertificates.withNames("O=Org,CN=one.example,CN=two.example")));
        assertEquals(List.of("cn.example"), HostNames.names(TestCertificates.withNames("CN=cn.example",
                new GeneralName(GeneralName.rfc822Name, "me@example.com"))));
        assertEquals(List.of(), HostNames.names(TestCertificates.withNames("O=No Common Name")));
    }

    @Test
    void namesOfCertificatesFromTestPkiAndOpenSsl() {
        TestPki.Issued issued =
                TestPki.shared(KeyType.ECDSA_P256).issue(KeyType.ECDSA_P256, "localhost", "127.0.0.1", "::1");
        assertEquals(List.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1"), HostNames.names(issued.leaf()));
        X509Certificate openssl = Pem.readCertificates(OpenSslFixtures.CHAIN).get(0);
        assertEquals(List.of("openssl.example", "*.openssl.example", "127.0.0.1", "0:0:0:0:0:0:0:1"),
                HostNames.names(openssl));
        assertTrue(HostNames.matches(openssl, "www.openssl.example"));
        assertTrue(HostNames.matches(openssl, "[::1]"));
        assertFalse(HostNames.matches(openssl, "a.b.openssl.example"));
    }

    // ---- DNS names ----

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        "example.com,        example.com,         true",
        "example.com,        EXAMPLE.Com,         true",
        "Example.COM,        example.com,         true",
        "example.com,        example.com.,        true",
        "example.com.,       example.com,         true",
        "example.com,        example.com..,       false",
        "example.com,        www.example.com,     false",
        "www.example.com,    example.com,         false",
        "*.example.com,      a.example.com,       true",
        "*.example.com,      A.EXAMPLE.COM,       true",
        "*.example.com,      a.example.com.,      true",
        "*.example.com,      example.com,         false",
        "*.example.com,      a.b.example.com,     false",
        "*.example.com,      .example.com,        false",
        "*.example.com,      '*.example.com',     false",
        "f*.example.com,     foo.example.com,     false",
        "*o.example.com,     foo.example.com,     false",
        "a.*.example.com,    a.b.example.com,     false",
        "*.*.example.com,    a.b.example.com,     false",
        "'*',                example,             false",
        "*.com,              example.com,         false",
        "*.,                 example,             false",
        "xn--bcher-kva.example, xn--bcher-kva.example, true",
        "xn--bcher-kva.example, bücher.example,    false",
        "*.xn--bcher-kva.example, www.xn--bcher-kva.example, true",
    })
    void dnsNameMatching(String pattern, String host, boolean expected) {
        X509Certificate cert = TestCertificates.withNames("CN=unused", dns(pattern));
        assertEquals(expected, HostNames.matches(cert, host));
    }

    @Test
    void anyOfSeveralSanEntriesMatches() {
        X509Certificate cert = TestCertificates.withNames("CN=unused", dns("a.example"), dns("*.b.example"));
        assertTrue(HostNames.matches(cert, "a.example"));
        assertTrue(HostNames.matches(cert, "x.b.example"));
        assertFalse(HostNames.matches(cert, "b.example"));
        assertFalse(HostNames.matches(cert, ""));
        assertFalse(HostNames.matches(cert, "."));
        assertThrows(IllegalArgumentException.class, () -> HostNames.matches(cert, (String) null));
    }

    // ---- IP addresses ----

    @ParameterizedTest(name = "SAN IP {0} vs {1} -> {2}")
    @CsvSource({
        "127.0.0.1,      127.0.0.1,               true",
        "127.0.0.1,      127.0.0.2,               false",
        "127.0.0.1,      127.0.0.1.,              true",
        "127.0.0.1,      ::ffff:127.0.0.1,        false",
        "::1,            ::1,                     true",
        "::1,            [::1],                   true",
        "::1,            0:0:0:0:0:0:0:1,         true",
        "::1,            ::2,                     false",
        "2001:db8::1,    2001:DB8:0:0:0:0:0:1,    true",
        "2001:db8::1,    [2001:db8::0:1],         true",
        "2001:db8::1,    2001:db8::1:0,           false",
    })
    void ipAddressMatchingIsByBytes(String sanAddress, String host, boolean expected) {
        X509Certificate cert = TestCertificates.withNames("CN=unused", ip(sanAddress));
        assertEquals(expected, HostNames.matches(cert, host));
    }

    @Test
    void ipHostNeverMatchesDnsEntriesOrCommonName() {
        assertFalse(HostNames.matches(TestCertificates.withNames("CN=unused", dns("127.0.0.1")), "127.0.0.1"));
        assertFalse(HostNames.matches(TestCertificates.withNames("CN=127.0.0.1"), "127.0.0.1"));
        assertFalse(HostNames.matches(TestCertificates.withNames("CN=::1"), "::1"));
    }

    // ---- common name fallback ----

    @Test
    void commonNameCountsOnlyWithoutSanDnsOrIp() {
        assertTrue(HostNames.matches(TestCertificates.withNames("CN=cn.example"), "cn.example"));
        assertTrue(HostNames.matches(TestCertificates.withNames("CN=*.cn.example"), "www.cn.example"));
        assertTrue(HostNames.matches(TestCertificates.withNames("CN=cn.example",
                new GeneralName(GeneralName.rfc822Name, "me@example.com")), "cn.example"));
        assertFalse(HostNames.matches(TestCertificates.withNames("CN=cn.example", dns("other.example")), "cn.example"));
        assertFalse(HostNames.matches(TestCertificates.withNames("CN=cn.example", ip("10.0.0.1")), "cn.example"));
    }

    // ---- HostVerifier ----

    @Test
    void verifierIsOfferedNamesUntilOneIsAccepted() {
        X509Certificate cert =
                TestCertificates.withNames("CN=unused", dns("a.example"), ip("10.0.0.1"), dns("c.example"));
        List<String> offered = new ArrayList<>();
        assertTrue(HostNames.matches(cert, (HostVerifier) name -> offered.add(name) && name.equals("10.0.0.1")));
        assertEquals(List.of("a.example", "10.0.0.1"), offered);

        offered.clear();
        assertFalse(HostNames.matches(cert, (HostVerifier) name -> !offered.add(name)));
        assertEquals(List.of("a.example", "10.0.0.1", "c.example"), offered);
    }

    @Test
    void verifierSeesCommonNamesWhenThereIsNoSan() {
        List<String> offered = new ArrayList<>();
        HostVerifier refuseAll = name -> !offered.add(name);
        assertFalse(HostNames.matches(TestCertificates.withNames("CN=x.example"), refuseAll));
        assertEquals(List.of("x.example"), offered);
    }

    // ---- IP literal parsing ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1.2.3.4,                  01020304",
        "0.0.0.0,                  00000000",
        "255.255.255.255,          ffffffff",
        "::,                       00000000000000000000000000000000",
        "::1,                      00000000000000000000000000000001",
        "1::,                      00010000000000000000000000000000",
        "1:2:3:4:5:6:7:8,          00010002000300040005000600070008",
        "1:2:3:4:5:6:7::,          00010002000300040005000600070000",
        "::ffff:1.2.3.4,           00000000000000000000ffff01020304",
        "1:2:3:4:5:6:1.2.3.4,      00010002000300040005000601020304",
        "ABCD:ef01::,              abcdef01000000000000000000000000",
    })
    void parsesIpLiterals(String text, String hex) {
        byte[] expected = new byte[hex.length() / 2];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        assertArrayEquals(expected, HostNames.IpLiteral.parse(text));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({
        "01.2.3.4", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "a.b.c.d", "+1.2.3.4", "example.com", "'1.2.3.4 '",
        "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", ":1::2", "1:2:3:4:5:6:7:8::", "12345::", "g::", "fe80::1%eth0",
        "::1.2.3", "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "\u0661::",
    })
    void rejectsNonLiterals(String text) {
        assertNull(HostNames.IpLiteral.parse(text));
    }
}
