package s2n.tls.tools;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A throwaway server certificate for {@code s2nd} when the user brings none: an ECDSA P-256 key
 * and a self-signed certificate for the given host names and addresses.
 *
 * <pre>{@code
 * SelfSignedCertificate self = SelfSignedCertificate.generate("localhost", "127.0.0.1", "::1");
 * Files.writeString(Path.of("cert.pem"), self.certificatePem());
 * }</pre>
 *
 * <p>The certificate is valid from an hour ago (to absorb clock skew) for 30 days, has a random
 * 126-bit serial, subject = issuer = {@code CN=<first name>}, every name in subjectAltName (as an
 * iPAddress when it is an IPv4 or IPv6 literal, a dNSName otherwise), basicConstraints CA:false and
 * keyUsage digitalSignature (both critical), extendedKeyUsage serverAuth and clientAuth (so the
 * same kind of certificate serves {@code s2nc --cert} too), and is signed with
 * SHA256withECDSA. It is encoded here with a few lines of DER, since this module uses only the
 * JDK and the library's public API.
 */
public final class SelfSignedCertificate {
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration LIFETIME = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    // Object identifiers (RFC 5280 §4.2.1, RFC 5758 §3.2, X.520).
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private SelfSignedCertificate(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /**
     * A new key pair and certificate for {@code names}: DNS names ({@code localhost}) or IP
     * literals ({@code 127.0.0.1}, {@code ::1}, {@code [::1]}); the first is also the CN.
     *
     * @throws IllegalArgumentException if there is no name, or a name is neither an ASCII DNS name
     *     nor an IP literal
     */
    public static SelfSignedCertificate generate(String... names) {
        return generate(Instant.now(), names);
    }

    /** As {@link #generate(String...)}, with the clock injected so tests can pin the dates. */
    static SelfSignedCertificate generate(Instant now, String... names) {
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException("at least one host name or IP address is required");
        }
        List<byte[]> altNames = new ArrayList<>();
        for (String name : names) {
            altNames.add(generalName(name));
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();

            Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).minus(BACKDATE);
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME),
                    Der.encode(Der.UTF8_STRING, names[0].getBytes(StandardCharsets.UTF_8)))));
            byte[] signatureAlgorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256)); // RFC 5758 §3.2: no parameters
            byte[] extensions = Der.sequence(
                    extension(BASIC_CONSTRAINTS, true, Der.sequence()), // cA defaults to FALSE
                    extension(KEY_USAGE, true, Der.bitString(new byte[] {(byte) 0x80}, 7)), // digitalSignature
                    extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH), Der.oid(CLIENT_AUTH))),
                    extension(SUBJECT_ALT_NAME, false, Der.sequence(altNames.toArray(new byte[0][]))));
            // RFC 5280 §4.1: TBSCertificate, version 3 (encoded 2) with extensions in [3].
            byte[] tbs = Der.sequence(
                    Der.encode(0xa0, Der.integer(BigInteger.TWO)),
                    Der.integer(randomSerial()),
                    signatureAlgorithm,
                    name,
                    Der.sequence(Der.time(notBefore), Der.time(notBefore.plus(LIFETIME))),
                    name,
                    keys.getPublic().getEncoded(), // already a DER SubjectPublicKeyInfo
                    Der.encode(0xa3, extensions));

            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, signatureAlgorithm, Der.bitString(signer.sign(), 0));

            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            certificate.verify(keys.getPublic()); // what we encoded is what the JDK reads back
            return new SelfSignedCertificate(certificate, keys.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a self-signed certificate: " + e.getMessage(), e);
        }
    }

    /** The certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The private key for the certificate. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The certificate as a PEM {@code CERTIFICATE} block. */
    public String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        }
    }

    /** The private key as an unencrypted PKCS#8 PEM {@code PRIVATE KEY} block. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** Names the certificate; never shows the key. */
    @Override
    public String toString() {
        return "SelfSignedCertificate[" + certificate.getSubjectX500Principal().getName() + ", valid until "
                + certificate.getNotAfter().toInstant() + "]";
    }

    /** RFC 5280 §4.1.2.2: a positive serial of at most 20 bytes; 16 bytes, top bits 01, so always exactly 16. */
    private static BigInteger randomSerial() {
        byte[] serial = new byte[16];
        RANDOM.nextBytes(serial);
        serial[0] = (byte) ((serial[0] & 0x3f) | 0x40);
        return new BigInteger(1, serial);
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.TRUE, Der.encode(Der.OCTET_STRING, value))
                : Der.sequence(Der.oid(oid), Der.encode(Der.OCTET_STRING, value));
    }

    /** RFC 5280 §4.2.1.6: iPAddress [7] holds the 4 or 16 address bytes, dNSName [2] the IA5String. */
    private static byte[] generalName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("host names must not be empty");
        }
        byte[] address = ipLiteral(name);
        if (address != null) {
            return Der.encode(0x87, address);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException("'" + name + "' is neither an ASCII DNS name nor an IP address;"
                        + " give internationalized names in their xn-- form");
            }
        }
        return Der.encode(0x82, name.getBytes(StandardCharsets.US_ASCII));
    }

    /** The address bytes if {@code name} is an IPv4 or IPv6 literal, else null; never a DNS lookup. */
    private static byte[] ipLiteral(String name) {
        String text = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (text.indexOf(':') >= 0) {
            if (text.indexOf('%') >= 0) {
                throw new IllegalArgumentException("'" + name + "': a certificate cannot name a scoped IPv6 address");
            }
            try {
                // Brackets make the JDK parse the literal or fail; it never resolves a bracketed name.
                return InetAddress.getByName("[" + text + "]").getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + name + "' is not a valid IPv6 address", e);
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
                return null;
            }
            address[i] = (byte) Integer.parseInt(parts[i]);
        }
        return address;
    }

    /** One PEM block of {@code der} under {@code label}, 64 base64 characters a line (RFC 7468 §2). */
    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** Just enough DER (X.690 §8) to write one certificate. */
    private static final class Der {
        static final int OCTET_STRING = 0x04;
        static final int UTF8_STRING = 0x0c;
        static final byte[] TRUE = {0x01, 0x01, (byte) 0xff};
        private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
        private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

        static byte[] encode(int tag, byte[]... parts) {
            ByteArrayOutputStream contents = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                contents.writeBytes(part);
            }
            int length = contents.size();
            ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
            out.write(tag);
            if (length < 0x80) {
                out.write(length);
            } else {
                int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
                out.write(0x80 | bytes);
                for (int i = bytes - 1; i >= 0; i--) {
                    out.write(length >>> (8 * i));
                }
            }
            out.writeBytes(contents.toByteArray());
            return out.toByteArray();
        }

        static byte[] sequence(byte[]... parts) {
            return encode(0x30, parts);
        }

        static byte[] set(byte[]... parts) {
            return encode(0x31, parts);
        }

        static byte[] integer(BigInteger value) {
            return encode(0x02, value.toByteArray()); // two's complement, minimal: what DER wants
        }

        static byte[] bitString(byte[] bits, int unusedBits) {
            return encode(0x03, new byte[] {(byte) unusedBits}, bits);
        }

        static byte[] oid(String dotted) {
            String[] arcs = dotted.split("\\.");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long first = Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]);
            for (int i = 1; i < arcs.length; i++) {
                long arc = i == 1 ? first : Long.parseLong(arcs[i]);
                int groups = 1;
                while (groups < 9 && (arc >>> (7 * groups)) != 0) {
                    groups++;
                }
                for (int g = groups - 1; g >= 0; g--) {
                    int bits = (int) ((arc >>> (7 * g)) & 0x7f);
                    out.write(g == 0 ? bits : bits | 0x80);
                }
            }
            return encode(0x06, out.toByteArray());
        }

        /** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
        static byte[] time(Instant instant) {
            ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
            boolean utcTime = utc.getYear() >= 1950 && utc.getYear() < 2050;
            String text = (utcTime ? UTC_TIME : GENERALIZED_TIME).format(utc);
            return encode(utcTime ? 0x17 : 0x18, text.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
