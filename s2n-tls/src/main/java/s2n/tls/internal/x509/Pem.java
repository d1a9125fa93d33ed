package s2n.tls.internal.x509;

import java.io.ByteArrayInputStream;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Loads certificates and private keys from PEM text (RFC 7468), the way users get them from
 * openssl, certbot or a cloud console.
 *
 * <pre>{@code
 * List<X509Certificate> chain = Pem.readCertificates(Files.readString(Path.of("chain.pem")));
 * PrivateKey key = Pem.readPrivateKey(Files.readString(Path.of("key.pem")));
 * }</pre>
 *
 * <p>PEM is application input, so every problem is an {@link IllegalArgumentException} whose
 * message says which block failed and what to do about it. Key material never appears in a
 * message, and the decoded key bytes this class owns are zeroed once the key object is built.
 */
public final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    // Algorithm OIDs of a PKCS#8 AlgorithmIdentifier, mapped to the JCA KeyFactory that reads them.
    private static final String OID_RSA = "1.2.840.113549.1.1.1"; // RFC 8017 rsaEncryption
    private static final String OID_RSASSA_PSS = "1.2.840.113549.1.1.10"; // RFC 8017 id-RSASSA-PSS
    private static final String OID_EC = "1.2.840.10045.2.1"; // RFC 5480 id-ecPublicKey
    private static final String OID_ED25519 = "1.3.101.112"; // RFC 8410
    private static final String OID_ED448 = "1.3.101.113"; // RFC 8410

    private static final String ENCRYPTED_KEY_ADVICE =
            "encrypted private keys are not supported; decrypt it first (openssl pkey -in key.pem -out plain.pem)";

    private Pem() {}

    /** One {@code -----BEGIN label-----} block; {@code number} counts blocks of the same label from 1. */
    private record Block(String label, int number, boolean encrypted, String base64) {
        String describe() {
            return "PEM " + label + " block " + number;
        }

        /** The base64 may be a private key: never printed. */
        @Override
        public String toString() {
            return describe();
        }

        byte[] decode() {
            try {
                return Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(describe() + " is not valid base64: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Every certificate in {@code pem}, in order (for a chain file: leaf first, as TLS sends it).
     * Text outside the blocks, such as openssl's {@code subject=} lines, is ignored.
     *
     * @throws IllegalArgumentException if there is no CERTIFICATE block, or a block is not valid
     *     base64 or not a DER certificate (the message names the block, counting from 1)
     */
    public static List<X509Certificate> readCertificates(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("PEM text is required, got null");
        }
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JDK has no X.509 CertificateFactory", e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(pem)) {
            if (!block.label().equals("CERTIFICATE")) {
                continue;
            }
            byte[] der = block.decode();
            try {
                // The JDK factory would quietly stop at the end of the first element; DER must fill the block.
                Der.Reader reader = new Der.Reader(der);
                reader.read(Der.SEQUENCE, "Certificate");
                reader.expectEnd("the certificate");
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        block.describe() + " is not a valid DER certificate: " + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no CERTIFICATE block found (expected -----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(certificates);
    }

    /**
     * The first private key in {@code pem}: {@code PRIVATE KEY} (PKCS#8: RSA, RSASSA-PSS, EC,
     * Ed25519, Ed448), {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC1, with its
     * named curve). A leading {@code EC PARAMETERS} block, as written by {@code openssl ecparam
     * -genkey}, and any certificate blocks are skipped.
     *
     * @throws IllegalArgumentException if there is no key, the key is encrypted, or its encoding
     *     or algorithm is not supported (the message says how to convert it)
     */
    public static PrivateKey readPrivateKey(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("PEM text is required, got null");
        }
        for (Block block : blocks(pem)) {
            String label = block.label();
            if (!label.endsWith("PRIVATE KEY")) {
                continue; // EC PARAMETERS, CERTIFICATE and friends may share the file
            }
            if (block.encrypted() || label.equals("ENCRYPTED PRIVATE KEY")) {
                throw new IllegalArgumentException(ENCRYPTED_KEY_ADVICE);
            }
            switch (label) {
                case "PRIVATE KEY":
                    return readPkcs8(block);
                case "RSA PRIVATE KEY":
                    return readPkcs1(block);
                case "EC PRIVATE KEY":
                    return readSec1(block);
                default:
                    throw new IllegalArgumentException(block.describe() + " is not supported; use PRIVATE KEY "
                            + "(PKCS#8), RSA PRIVATE KEY or EC PRIVATE KEY (openssl pkcs8 -topk8 -nocrypt converts)");
            }
        }
        throw new IllegalArgumentException(
                "no private key block found (expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    /**
     * {@code der} as a PEM block: {@code -----BEGIN label-----}, base64 in 64-column lines
     * (RFC 7468 §2), {@code -----END label-----} and a final newline.
     */
    public static String encode(String label, byte[] der) {
        if (label == null || label.isEmpty() || label.contains("-") || der == null) {
            throw new IllegalArgumentException("a PEM label (without dashes) and DER bytes are required");
        }
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return BEGIN + label + DASHES + "\n" + body + (body.isEmpty() ? "" : "\n") + END + label + DASHES + "\n";
    }

    // ---- keys ----

    private static PrivateKey readPkcs8(Block block) {
        byte[] der = block.decode();
        try {
            return pkcs8ToKey(der, block.describe());
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static PrivateKey readPkcs1(Block block) {
        byte[] pkcs1 = block.decode();
        byte[] pkcs8 = null;
        try {
            // RFC 8017 §A.1.2: RSAPrivateKey is one SEQUENCE; check its frame before wrapping it.
            Der.Reader reader = new Der.Reader(pkcs1);
            reader.read(Der.SEQUENCE, "RSAPrivateKey");
            reader.expectEnd("the RSA private key");
            // RFC 8017 §A.1: rsaEncryption carries NULL parameters.
            pkcs8 = wrapPkcs8(Der.sequence(Der.oid(OID_RSA), Der.nullValue()), pkcs1);
            return pkcs8ToKey(pkcs8, block.describe());
        } catch (IllegalArgumentException e) {
            throw keyError(block, e);
        } finally {
            Arrays.fill(pkcs1, (byte) 0);
            if (pkcs8 != null) {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
    }

    private static PrivateKey readSec1(Block block) {
        byte[] sec1 = block.decode();
        byte[] pkcs8 = null;
        try {
            byte[] curve = namedCurveOf(sec1, block);
            // RFC 5915 §1 / RFC 5208: the PKCS#8 form names the curve in the AlgorithmIdentifier.
            pkcs8 = wrapPkcs8(Der.sequence(Der.oid(OID_EC), curve), sec1);
            return pkcs8ToKey(pkcs8, block.describe());
        } finally {
            Arrays.fill(sec1, (byte) 0);
            if (pkcs8 != null) {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
    }

    /** The namedCurve OID element (tag and all) from a SEC1 ECPrivateKey's {@code parameters [0]}. */
    private static byte[] namedCurveOf(byte[] sec1, Block block) {
        Der.Element curve = null;
        try {
            // RFC 5915 §3: ECPrivateKey ::= SEQUENCE { version INTEGER { ecPrivkeyVer1(1) },
            //   privateKey OCTET STRING, parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
            Der.Reader outer = new Der.Reader(sec1);
            Der.Reader key = outer.read(Der.SEQUENCE, "ECPrivateKey").reader();
            outer.expectEnd("the EC private key");
            if (Der.smallInteger(key.read(Der.INTEGER, "version"), "ECPrivateKey version") != 1) {
                throw new IllegalArgumentException("ECPrivateKey version is not 1");
            }
            key.read(Der.OCTET_STRING, "privateKey");
            if (key.peekTag() == Der.contextConstructed(0)) {
                Der.Reader parameters = key.read().reader();
                Der.Element choice = parameters.read();
                parameters.expectEnd("the curve parameters");
                if (choice.tag() != Der.OBJECT_IDENTIFIER) {
                    throw new IllegalArgumentException(block.describe() + " has explicit curve parameters, which are"
                            + " not supported; use a named curve (openssl ecparam -name prime256v1 -genkey)");
                }
                Der.oidToString(choice); // validates the arcs
                curve = choice;
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(block.describe())) {
                throw e;
            }
            throw keyError(block, e);
        }
        if (curve == null) {
            throw new IllegalArgumentException("EC PRIVATE KEY without curve parameters;"
                    + " convert with openssl pkcs8 -topk8 -nocrypt");
        }
        return curve.encoding();
    }

    /** RFC 5208 §5: PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, privateKey OCTET STRING }. */
    private static byte[] wrapPkcs8(byte[] algorithmIdentifier, byte[] privateKey) {
        // Assembled in one array, without intermediate copies, so the caller's wipe reaches every byte.
        byte[] version = Der.integer(0);
        byte[] keyHeader = Der.header(Der.OCTET_STRING, privateKey.length);
        int contentLength = version.length + algorithmIdentifier.length + keyHeader.length + privateKey.length;
        byte[] outerHeader = Der.header(Der.SEQUENCE, contentLength);
        byte[] out = new byte[outerHeader.length + contentLength];
        int p = 0;
        for (byte[] part : new byte[][] {outerHeader, version, algorithmIdentifier, keyHeader, privateKey}) {
            System.arraycopy(part, 0, out, p, part.length);
            p += part.length;
        }
        return out;
    }

    private static PrivateKey pkcs8ToKey(byte[] pkcs8, String what) {
        String algorithm;
        try {
            // RFC 5958 §2: OneAsymmetricKey ::= SEQUENCE { version (0 or 1), privateKeyAlgorithm, privateKey, ... }
            Der.Reader outer = new Der.Reader(pkcs8);
            Der.Reader info = outer.read(Der.SEQUENCE, "PrivateKeyInfo").reader();
            outer.expectEnd("the private key");
            int version = Der.smallInteger(info.read(Der.INTEGER, "version"), "PrivateKeyInfo version");
            if (version > 1) {
                throw new IllegalArgumentException("PrivateKeyInfo version " + version + " is unknown");
            }
            Der.Reader algorithmId = info.read(Der.SEQUENCE, "AlgorithmIdentifier").reader();
            String oid = Der.oidToString(algorithmId.read(Der.OBJECT_IDENTIFIER, "algorithm"));
            algorithm = keyFactoryFor(oid);
            if (algorithm == null) {
                throw new IllegalArgumentException(what + " has key algorithm " + oid
                        + ", which is not supported (supported: RSA, RSASSA-PSS, EC, Ed25519, Ed448)");
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(what)) {
                throw e;
            }
            throw new IllegalArgumentException(what + " is not a valid private key: " + e.getMessage(), e);
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(what + " is an " + algorithm + " key, which this JDK cannot load", e);
        } catch (InvalidKeySpecException | RuntimeException e) {
            // The JDK's own parser has the last word; its message may name the field, never the key bytes.
            throw new IllegalArgumentException(what + " is not a valid " + algorithm + " private key: "
                    + e.getMessage(), e);
        }
    }

    private static String keyFactoryFor(String oid) {
        switch (oid) {
            case OID_RSA:
                return "RSA";
            case OID_RSASSA_PSS:
                return "RSASSA-PSS";
            case OID_EC:
                return "EC";
            case OID_ED25519:
                return "Ed25519";
            case OID_ED448:
                return "Ed448";
            default:
                return null;
        }
    }

    private static IllegalArgumentException keyError(Block block, IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(block.describe())) {
            return e;
        }
        return new IllegalArgumentException(block.describe() + " is not a valid private key: " + e.getMessage(), e);
    }

    // ---- blocks ----

    /** Every PEM block in order; text between blocks is ignored, a block without its END line is an error. */
    private static List<Block> blocks(String pem) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = pem.split("\r\n|\r|\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i++].strip();
            if (!line.startsWith(BEGIN) || !line.endsWith(DASHES) || line.length() < BEGIN.length() + DASHES.length()) {
                continue;
            }
            String label = line.substring(BEGIN.length(), line.length() - DASHES.length());
            int number = 1;
            for (Block earlier : blocks) {
                if (earlier.label().equals(label)) {
                    number++;
                }
            }
            String endLine = END + label + DASHES;
            StringBuilder base64 = new StringBuilder();
            boolean encrypted = false;
            boolean ended = false;
            while (i < lines.length) {
                String body = lines[i++].strip();
                if (body.equals(endLine)) {
                    ended = true;
                    break;
                }
                if (body.startsWith(BEGIN) || body.startsWith(END)) {
                    break;
                }
                int colon = body.indexOf(':');
                if (colon >= 0) {
                    // RFC 1421 §4.6 headers ("Proc-Type: 4,ENCRYPTED"); base64 never contains a colon.
                    String name = body.substring(0, colon).strip();
                    if (name.equalsIgnoreCase("Proc-Type")
                            && body.substring(colon + 1).toUpperCase(Locale.ROOT).contains("ENCRYPTED")) {
                        encrypted = true;
                    }
                    continue;
                }
                for (int c = 0; c < body.length(); c++) {
                    char ch = body.charAt(c);
                    if (!Character.isWhitespace(ch)) {
                        base64.append(ch);
                    }
                }
            }
            if (!ended) {
                throw new IllegalArgumentException("PEM " + label + " block " + number + " has no matching '"
                        + endLine + "' line");
            }
            blocks.add(new Block(label, number, encrypted, base64.toString()));
        }
        return blocks;
    }
}
