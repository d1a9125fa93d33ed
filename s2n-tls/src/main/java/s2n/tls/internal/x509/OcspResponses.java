package s2n.tls.internal.x509;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/**
 * Checks a stapled OCSP response (RFC 6960) for a server's leaf, as s2n does when a client asked
 * for one ({@code s2n_config_set_check_stapled_ocsp_response}, on by default): it must be a
 * successful basic response, signed by the leaf's issuer or by a responder certificate that
 * issuer signed for OCSP signing, name the leaf (issuer hashes and serial), be current
 * (thisUpdate not in the future, nextUpdate not past, five minutes of clock skew allowed), and
 * say good. Revoked is certificate_revoked; anything else that fails is bad_certificate.
 */
public final class OcspResponses {
    private static final String BASIC = "1.3.6.1.5.5.7.48.1.1";
    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    private static final long SKEW_SECONDS = 300;
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private OcspResponses() {}

    /**
     * @param response the DER OCSPResponse the server stapled
     * @param leaf the server's certificate
     * @param issuer the certificate that issued {@code leaf}
     */
    public static void check(byte[] response, X509Certificate leaf, X509Certificate issuer, Instant now) throws TlsException {
        try {
            checkOrThrow(response, leaf, issuer, now);
        } catch (RuntimeException | GeneralSecurityException e) {
            // Whatever the DER reader, the certificate factory or the provider throw for these peer bytes.
            throw ErrorCode.CERT_INVALID.exception("the stapled OCSP response is not valid: " + e.getMessage(), e);
        }
    }

    private static void checkOrThrow(byte[] response, X509Certificate leaf, X509Certificate issuer, Instant now)
            throws TlsException, GeneralSecurityException {
        Der.Reader top = new Der.Reader(response);
        Der.Reader ocsp = top.read(Der.SEQUENCE, "OCSPResponse").reader();
        top.expectEnd("OCSPResponse");
        Der.Element status = ocsp.read(0x0a, "responseStatus");
        if (status.length() != 1 || status.array()[status.offset()] != 0) {
            throw new IllegalArgumentException("the responder did not answer successfully (status "
                    + (status.length() == 1 ? status.array()[status.offset()] : -1) + ")");
        }
        Der.Reader bytes = ocsp.read(Der.contextConstructed(0), "responseBytes").reader().read(Der.SEQUENCE, "ResponseBytes").reader();
        String type = Der.oidToString(bytes.read(Der.OBJECT_IDENTIFIER, "responseType"));
        if (!type.equals(BASIC)) {
            throw new IllegalArgumentException("not a basic OCSP response: " + type);
        }
        byte[] basicDer = bytes.read(Der.OCTET_STRING, "response").contents();
        Der.Reader basicTop = new Der.Reader(basicDer);
        Der.Reader basic = basicTop.read(Der.SEQUENCE, "BasicOCSPResponse").reader();
        Der.Element tbs = basic.read(Der.SEQUENCE, "ResponseData");
        String sigAlg = Der.oidToString(basic.read(Der.SEQUENCE, "signatureAlgorithm").reader()
                .read(Der.OBJECT_IDENTIFIER, "algorithm"));
        Der.Element sigBits = basic.read(Der.BIT_STRING, "signature");
        byte[] signature = Arrays.copyOfRange(sigBits.array(), sigBits.offset() + 1, sigBits.offset() + sigBits.length());
        List<X509Certificate> certs = new ArrayList<>();
        if (basic.peekTag() == Der.contextConstructed(0)) {
            Der.Reader seq = basic.read().reader().read(Der.SEQUENCE, "certs").reader();
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            while (seq.hasRemaining()) {
                try {
                    certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(seq.read().encoding())));
                } catch (CertificateException e) {
                    throw new IllegalArgumentException("a responder certificate does not parse: " + e.getMessage());
                }
            }
        }
        PublicKey signer = responderKey(tbs, issuer, certs, now);
        Signature verifier = Signature.getInstance(jcaName(sigAlg));
        verifier.initVerify(signer);
        verifier.update(tbs.encoding());
        if (!verifier.verify(signature)) {
            throw new IllegalArgumentException("its signature does not verify");
        }
        checkSingleResponse(tbs, leaf, issuer, now);
    }

    /** The issuer's key, or a delegated responder's (RFC 6960 §4.2.2.2): issued by the issuer for OCSP signing. */
    private static PublicKey responderKey(Der.Element tbs, X509Certificate issuer, List<X509Certificate> certs, Instant now)
            throws GeneralSecurityException {
        Der.Reader data = tbs.reader();
        if (data.peekTag() == Der.contextConstructed(0)) {
            data.read(); // version
        }
        Der.Element responderId = data.read();
        for (X509Certificate c : certs) {
            if (c.equals(issuer) || !c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                continue;
            }
            List<String> ekus = c.getExtendedKeyUsage();
            if (ekus == null || !ekus.contains(OCSP_SIGNING)) {
                continue;
            }
            try {
                c.verify(issuer.getPublicKey());
                c.checkValidity(java.util.Date.from(now));
            } catch (GeneralSecurityException e) {
                continue;
            }
            if (names(responderId, c)) {
                return c.getPublicKey();
            }
        }
        return issuer.getPublicKey();
    }

    /** Whether the ResponderID names {@code c}: byName [1] its subject, byKey [2] SHA-1 of its key. */
    private static boolean names(Der.Element responderId, X509Certificate c) throws GeneralSecurityException {
        if (responderId.tag() == Der.contextConstructed(1)) {
            return Arrays.equals(responderId.reader().read().encoding(), c.getSubjectX500Principal().getEncoded());
        }
        if (responderId.tag() == Der.contextConstructed(2)) {
            byte[] hash = responderId.reader().read(Der.OCTET_STRING, "KeyHash").contents();
            return Arrays.equals(hash, MessageDigest.getInstance("SHA-1").digest(keyBits(c)));
        }
        return false;
    }

    private static void checkSingleResponse(Der.Element tbs, X509Certificate leaf, X509Certificate issuer, Instant now)
            throws TlsException, GeneralSecurityException {
        Der.Reader data = tbs.reader();
        if (data.peekTag() == Der.contextConstructed(0)) {
            data.read(); // version
        }
        data.read(); // responderID
        data.read(0x18, "producedAt");
        Der.Reader responses = data.read(Der.SEQUENCE, "responses").reader();
        while (responses.hasRemaining()) {
            Der.Reader single = responses.read(Der.SEQUENCE, "SingleResponse").reader();
            Der.Reader certId = single.read(Der.SEQUENCE, "CertID").reader();
            String hashOid = Der.oidToString(certId.read(Der.SEQUENCE, "hashAlgorithm").reader()
                    .read(Der.OBJECT_IDENTIFIER, "algorithm"));
            byte[] nameHash = certId.read(Der.OCTET_STRING, "issuerNameHash").contents();
            byte[] keyHash = certId.read(Der.OCTET_STRING, "issuerKeyHash").contents();
            byte[] serial = certId.read(Der.INTEGER, "serialNumber").contents();
            MessageDigest md = MessageDigest.getInstance(hashName(hashOid));
            boolean ours = Arrays.equals(serial, leaf.getSerialNumber().toByteArray())
                    && Arrays.equals(nameHash, md.digest(issuer.getSubjectX500Principal().getEncoded()))
                    && Arrays.equals(keyHash, md.digest(keyBits(issuer)));
            Der.Element status = single.read();
            Instant thisUpdate = time(single.read(0x18, "thisUpdate"));
            Instant nextUpdate = single.peekTag() == Der.contextConstructed(0)
                    ? time(single.read().reader().read(0x18, "nextUpdate")) : null;
            if (!ours) {
                continue;
            }
            if (thisUpdate.isAfter(now.plusSeconds(SKEW_SECONDS))) {
                throw new IllegalArgumentException("its thisUpdate " + thisUpdate + " is in the future");
            }
            if (nextUpdate != null && nextUpdate.isBefore(now.minusSeconds(SKEW_SECONDS))) {
                throw new IllegalArgumentException("it expired at " + nextUpdate);
            }
            if (status.tag() == 0x80) {
                return; // good
            }
            if (status.tag() == Der.contextConstructed(1)) {
                throw ErrorCode.CERT_REVOKED.exception("the stapled OCSP response says certificate "
                        + leaf.getSubjectX500Principal() + " is revoked");
            }
            throw new IllegalArgumentException("it says the certificate's status is unknown");
        }
        throw new IllegalArgumentException("it does not name the server's certificate");
    }

    /** The subjectPublicKey bits of {@code c} (what issuerKeyHash and byKey hash). */
    private static byte[] keyBits(X509Certificate c) {
        Der.Reader spki = new Der.Reader(c.getPublicKey().getEncoded()).read(Der.SEQUENCE, "SubjectPublicKeyInfo").reader();
        spki.read(Der.SEQUENCE, "algorithm");
        Der.Element bits = spki.read(Der.BIT_STRING, "subjectPublicKey");
        return Arrays.copyOfRange(bits.array(), bits.offset() + 1, bits.offset() + bits.length());
    }

    private static Instant time(Der.Element generalized) {
        String text = new String(generalized.contents(), java.nio.charset.StandardCharsets.US_ASCII);
        try {
            return LocalDateTime.parse(text, GENERALIZED).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("a GeneralizedTime that is not YYYYMMDDHHMMSSZ: " + text);
        }
    }

    private static String hashName(String oid) {
        switch (oid) {
            case "1.3.14.3.2.26": return "SHA-1";
            case "2.16.840.1.101.3.4.2.1": return "SHA-256";
            case "2.16.840.1.101.3.4.2.2": return "SHA-384";
            case "2.16.840.1.101.3.4.2.3": return "SHA-512";
            default: throw new IllegalArgumentException("CertID hash " + oid + " is not supported");
        }
    }

    private static String jcaName(String oid) {
        switch (oid) {
            case "1.2.840.113549.1.1.5": return "SHA1withRSA";
            case "1.2.840.113549.1.1.11": return "SHA256withRSA";
            case "1.2.840.113549.1.1.12": return "SHA384withRSA";
            case "1.2.840.113549.1.1.13": return "SHA512withRSA";
            case "1.2.840.10045.4.1": return "SHA1withECDSA";
            case "1.2.840.10045.4.3.2": return "SHA256withECDSA";
            case "1.2.840.10045.4.3.3": return "SHA384withECDSA";
            case "1.2.840.10045.4.3.4": return "SHA512withECDSA";
            case "1.3.101.112": return "Ed25519";
            default: throw new IllegalArgumentException("signature algorithm " + oid + " is not supported");
        }
    }
}
