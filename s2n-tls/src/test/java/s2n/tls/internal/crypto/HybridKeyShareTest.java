package s2n.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.internal.crypto.Hex.bytes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.Alert;
import s2n.tls.TlsException;
import s2n.tls.testing.MlKemAssumption;

/**
 * The ECDHE + ML-KEM hybrids of draft-ietf-tls-ecdhe-mlkem: known answers from an independent
 * ML-KEM implementation (pyca/cryptography on OpenSSL 4.0, {@code hybrid-kat/mlkem.txt}), the
 * draft's share and secret layout for each group checked against the JDK's primitives used
 * directly, exact sizes, and every malformed share refused with {@code illegal_parameter}.
 */
class HybridKeyShareTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<NamedGroup> HYBRIDS =
            List.of(NamedGroup.X25519_MLKEM768, NamedGroup.SECP256R1_MLKEM768, NamedGroup.SECP384R1_MLKEM1024);

    // RFC 7748 §6.1.
    private static final byte[] ALICE_PRIVATE = bytes("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PUBLIC = bytes("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB_PUBLIC = bytes("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final byte[] X25519_SHARED = bytes("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

    private static Map<String, String> kat;

    @BeforeAll
    static void needsMlKem() throws IOException {
        MlKemAssumption.assumeMlKem();
        kat = new HashMap<>();
        try (InputStream in = HybridKeyShareTest.class.getResourceAsStream("/hybrid-kat/mlkem.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#") && line.contains("=")) {
                    kat.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1).trim());
                }
            }
        }
    }

    static List<NamedGroup> hybrids() {
        return HYBRIDS;
    }

    /** A SecureRandom that hands out exactly the bytes given, in order, and fails when they run out. */
    private static final class ScriptedRandom extends SecureRandom {
        private final byte[] script;
        private int next;

        ScriptedRandom(byte[]... parts) {
            int n = 0;
            for (byte[] p : parts) {
                n += p.length;
            }
            script = new byte[n];
            int off = 0;
            for (byte[] p : parts) {
                System.arraycopy(p, 0, script, off, p.length);
                off += p.length;
            }
        }

        @Override
        public void nextBytes(byte[] out) {
            if (next + out.length > script.length) {
                throw new IllegalStateException("the provider drew more randomness than the known answer scripts");
            }
            System.arraycopy(script, next, out, 0, out.length);
            next += out.length;
        }
    }

    private static void assertIllegalParameter(Executable e, String messagePart) {
        TlsException x = assertThrows(TlsException.class, e);
        assertEquals(Alert.ILLEGAL_PARAMETER, x.alert(), x.getMessage());
        assertTrue(x.getMessage().contains(messagePart), x.getMessage());
    }

    private static byte[] sha256(byte[] b) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void mlKemKeyGenerationAndDecapsulationMatchAnIndependentImplementation() throws Exception {
        byte[] seed = bytes(kat.get("seed"));
        for (MlKem kem : List.of(MlKem.ML_KEM_768, MlKem.ML_KEM_1024)) {
            String p = kem == MlKem.ML_KEM_768 ? "mlkem768" : "mlkem1024";
            // FIPS 203: KeyGen draws d, then z; scripted so, the JCA must produce the vector's key.
            try (MlKem.KeyPairAndEncoding keys = kem.generate(new ScriptedRandom(seed))) {
                assertArrayEquals(bytes(kat.get(p + ".ek.sha256")), sha256(keys.encapsulationKey()), p + " encapsulation key");
                assertArrayEquals(bytes(kat.get(p + ".ss")), kem.decapsulate(keys.privateKey(), bytes(kat.get(p + ".ct"))),
                        p + " shared secret");
            }
        }
    }

    @Test
    void x25519MlKem768KnownAnswer() throws Exception {
        byte[] seed = bytes(kat.get("seed"));
        byte[] ct = bytes(kat.get("mlkem768.ct"));
        // We draw the X25519 scalar first, then ML-KEM's d and z.
        try (KeyShare client = NamedGroup.X25519_MLKEM768.generateKeyShare(new ScriptedRandom(ALICE_PRIVATE, seed))) {
            byte[] share = client.publicKey();
            assertEquals(1184 + 32, share.length);
            assertArrayEquals(bytes(kat.get("mlkem768.ek.sha256")), sha256(Arrays.copyOfRange(share, 0, 1184)),
                    "X25519MLKEM768: the ML-KEM encapsulation key comes first");
            assertArrayEquals(ALICE_PUBLIC, Arrays.copyOfRange(share, 1184, 1216), "then the X25519 public key");
            try (SecretBytes secret = client.agree(concat(ct, BOB_PUBLIC))) {
                assertArrayEquals(concat(bytes(kat.get("mlkem768.ss")), X25519_SHARED), secret.bytes(),
                        "secret = ML-KEM shared secret || X25519 shared secret");
            }
        }
    }

    @Test
    void sizesAreTheDraftsExactly() {
        assertEquals(1216, NamedGroup.X25519_MLKEM768.publicKeyLength());
        assertEquals(1120, NamedGroup.X25519_MLKEM768.serverShareLength());
        assertEquals(1249, NamedGroup.SECP256R1_MLKEM768.publicKeyLength());
        assertEquals(1153, NamedGroup.SECP256R1_MLKEM768.serverShareLength());
        assertEquals(1665, NamedGroup.SECP384R1_MLKEM1024.publicKeyLength());
        assertEquals(1665, NamedGroup.SECP384R1_MLKEM1024.serverShareLength());
        for (NamedGroup g : HYBRIDS) {
            assertTrue(g.isSupported(), g.name());
            assertTrue(g.isPostQuantum(), g.name());
            assertEquals(null, g.unsupportedReason());
        }
        assertEquals(0x11EC, NamedGroup.byName("X25519MLKEM768").code());
        assertEquals(0x11EB, NamedGroup.byName("SecP256r1MLKEM768").code());
        assertEquals(0x11ED, NamedGroup.byName("SecP384r1MLKEM1024").code());
    }

    /** The draft's layout for one group, written out here from the draft, not taken from the code under test. */
    private static final class Layout {
        final boolean kemFirst;
        final String kemName;
        final int ecLength;
        final int ekLength;
        final int ctLength;
        final String curve;

        Layout(NamedGroup g) {
            if (g.equals(NamedGroup.X25519_MLKEM768)) {
                kemFirst = true;
                kemName = "ML-KEM-768";
                ecLength = 32;
                ekLength = 1184;
                ctLength = 1088;
                curve = null;
            } else if (g.equals(NamedGroup.SECP256R1_MLKEM768)) {
                kemFirst = false;
                kemName = "ML-KEM-768";
                ecLength = 65;
                ekLength = 1184;
                ctLength = 1088;
                curve = "secp256r1";
            } else {
                kemFirst = false;
                kemName = "ML-KEM-1024";
                ecLength = 97;
                ekLength = 1568;
                ctLength = 1568;
                curve = "secp384r1";
            }
        }

        KeyPair classicalPair() throws GeneralSecurityException {
            if (curve == null) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
                g.initialize(new NamedParameterSpec("X25519"));
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        }

        byte[] classicalWire(PublicKey key) {
            byte[] spki = key.getEncoded();
            // Both SPKI encodings end with the wire form: the raw X25519 key, or 04 || X || Y.
            return Arrays.copyOfRange(spki, spki.length - ecLength, spki.length);
        }

        byte[] classicalAgree(PrivateKey mine, byte[] peerWire) throws GeneralSecurityException {
            String alg = curve == null ? "XDH" : "EC";
            byte[] spkiPrefix = Arrays.copyOf(classicalPair().getPublic().getEncoded(),
                    classicalPair().getPublic().getEncoded().length - ecLength);
            PublicKey peer = KeyFactory.getInstance(alg).generatePublic(
                    new java.security.spec.X509EncodedKeySpec(concat(spkiPrefix, peerWire)));
            KeyAgreement ka = KeyAgreement.getInstance(curve == null ? "XDH" : "ECDH");
            ka.init(mine);
            ka.doPhase(peer, true);
            return ka.generateSecret();
        }

        KeyPair kemPair() throws GeneralSecurityException {
            KeyPairGenerator g = KeyPairGenerator.getInstance("ML-KEM");
            g.initialize(new NamedParameterSpec(kemName));
            return g.generateKeyPair();
        }

        byte[] rawEk(PublicKey key) {
            byte[] spki = key.getEncoded();
            return Arrays.copyOfRange(spki, spki.length - ekLength, spki.length);
        }
    }

    @ParameterizedTest(name = "{0}: the server's share and secret in the draft's order")
    @MethodSource("hybrids")
    void serverSideLayout(NamedGroup group) throws Exception {
        Layout l = new Layout(group);
        KeyPair ec = l.classicalPair();
        KeyPair kem = l.kemPair();
        byte[] ecWire = l.classicalWire(ec.getPublic());
        byte[] ek = l.rawEk(kem.getPublic());
        byte[] clientShare = l.kemFirst ? concat(ek, ecWire) : concat(ecWire, ek);
        try (NamedGroup.Exchange x = group.respond(clientShare, RANDOM)) {
            byte[] share = x.share();
            assertEquals(l.ecLength + l.ctLength, share.length);
            int ctOff = l.kemFirst ? 0 : l.ecLength;
            int ecOff = l.kemFirst ? l.ctLength : 0;
            byte[] ct = Arrays.copyOfRange(share, ctOff, ctOff + l.ctLength);
            byte[] serverPoint = Arrays.copyOfRange(share, ecOff, ecOff + l.ecLength);
            byte[] kemSecret = MlKemAssumption.decapsulate(kem.getPrivate(), ct);
            byte[] ecSecret = l.classicalAgree(ec.getPrivate(), serverPoint);
            assertArrayEquals(l.kemFirst ? concat(kemSecret, ecSecret) : concat(ecSecret, kemSecret), x.secret().bytes());
        }
    }

    @ParameterizedTest(name = "{0}: the client's share and secret in the draft's order")
    @MethodSource("hybrids")
    void clientSideLayout(NamedGroup group) throws Exception {
        Layout l = new Layout(group);
        try (KeyShare client = group.generateKeyShare(RANDOM)) {
            byte[] share = client.publicKey();
            assertEquals(l.ecLength + l.ekLength, share.length);
            int ekOff = l.kemFirst ? 0 : l.ecLength;
            int ecOff = l.kemFirst ? l.ekLength : 0;
            byte[] ek = Arrays.copyOfRange(share, ekOff, ekOff + l.ekLength);
            byte[] clientPoint = Arrays.copyOfRange(share, ecOff, ecOff + l.ecLength);
            if (l.curve != null) {
                assertEquals(4, clientPoint[0], "uncompressed point first");
            }
            // Play the server with the JDK's primitives directly.
            byte[] spkiPrefix = Arrays.copyOf(l.kemPair().getPublic().getEncoded(), l.kemPair().getPublic().getEncoded().length - l.ekLength);
            PublicKey ekKey = KeyFactory.getInstance("ML-KEM").generatePublic(
                    new java.security.spec.X509EncodedKeySpec(concat(spkiPrefix, ek)));
            byte[][] enc = MlKemAssumption.encapsulate(ekKey);
            KeyPair ec = l.classicalPair();
            byte[] ecSecret = l.classicalAgree(ec.getPrivate(), clientPoint);
            byte[] serverPoint = l.classicalWire(ec.getPublic());
            byte[] serverShare = l.kemFirst ? concat(enc[0], serverPoint) : concat(serverPoint, enc[0]);
            byte[] kemSecret = enc[1];
            try (SecretBytes secret = client.agree(serverShare)) {
                assertArrayEquals(l.kemFirst ? concat(kemSecret, ecSecret) : concat(ecSecret, kemSecret), secret.bytes());
            }
        }
    }

    @ParameterizedTest(name = "{0}: shares one byte short or long are refused both ways")
    @MethodSource("hybrids")
    void wrongLengthsAreIllegalParameter(NamedGroup group) throws Exception {
        try (KeyShare client = group.generateKeyShare(RANDOM)) {
            byte[] share = client.publicKey();
            assertIllegalParameter(() -> group.respond(Arrays.copyOf(share, share.length - 1), RANDOM), "client key share must be");
            assertIllegalParameter(() -> group.respond(Arrays.copyOf(share, share.length + 1), RANDOM), "client key share must be");
            byte[] serverShare;
            try (NamedGroup.Exchange x = group.respond(share, RANDOM)) {
                serverShare = x.share();
            }
            assertEquals(group.serverShareLength(), serverShare.length);
            assertIllegalParameter(() -> client.agree(Arrays.copyOf(serverShare, serverShare.length - 1)), "server key share must be");
            assertIllegalParameter(() -> client.agree(Arrays.copyOf(serverShare, serverShare.length + 1)), "server key share must be");
            assertIllegalParameter(() -> client.agree(new byte[0]), "server key share must be");
        }
    }

    @ParameterizedTest(name = "{0}: an encapsulation key failing the FIPS 203 modulus check is refused")
    @MethodSource("hybrids")
    void encapsulationKeyModulusCheck(NamedGroup group) throws Exception {
        Layout l = new Layout(group);
        try (KeyShare client = group.generateKeyShare(RANDOM)) {
            byte[] share = client.publicKey();
            int ekOff = l.kemFirst ? 0 : l.ecLength;
            // The first coefficient becomes 0xFFF (4095 >= q = 3329).
            share[ekOff] = (byte) 0xff;
            share[ekOff + 1] |= 0x0f;
            assertIllegalParameter(() -> group.respond(share, RANDOM), "not below q");
            byte[] last = client.publicKey();
            // And the last coefficient of the vector: the high nibble of byte 384k-2 and byte 384k-1.
            int end = ekOff + l.ekLength - 32;
            last[end - 1] = (byte) 0xff;
            last[end - 2] |= (byte) 0xf0;
            assertIllegalParameter(() -> group.respond(last, RANDOM), "not below q");
        }
    }

    @ParameterizedTest(name = "{0}: an invalid ECDHE part is refused")
    @MethodSource("hybrids")
    void invalidClassicalPartIsIllegalParameter(NamedGroup group) throws Exception {
        Layout l = new Layout(group);
        try (KeyShare client = group.generateKeyShare(RANDOM)) {
            byte[] share = client.publicKey();
            int ecOff = l.kemFirst ? l.ekLength : 0;
            // X25519: the all-zero point (small order, all-zero secret); NIST: a point off the curve.
            if (l.curve == null) {
                Arrays.fill(share, ecOff, ecOff + l.ecLength, (byte) 0);
            } else {
                share[ecOff + l.ecLength - 1] ^= 1;
            }
            assertIllegalParameter(() -> group.respond(share, RANDOM), "");
            byte[] serverShare;
            try (NamedGroup.Exchange x = group.respond(client.publicKey(), RANDOM)) {
                serverShare = x.share();
            }
            int serverEcOff = l.kemFirst ? l.ctLength : 0;
            if (l.curve == null) {
                Arrays.fill(serverShare, serverEcOff, serverEcOff + l.ecLength, (byte) 0);
            } else {
                serverShare[serverEcOff] = 2; // compressed points are not allowed in TLS 1.3
            }
            assertIllegalParameter(() -> client.agree(serverShare), "");
        }
    }

    @ParameterizedTest(name = "{0}: a forged ciphertext is rejected implicitly (another secret, no exception)")
    @MethodSource("hybrids")
    void forgedCiphertextYieldsAnotherSecret(NamedGroup group) throws Exception {
        Layout l = new Layout(group);
        try (KeyShare client = group.generateKeyShare(RANDOM);
             NamedGroup.Exchange x = group.respond(client.publicKey(), RANDOM)) {
            byte[] forged = x.share();
            forged[l.kemFirst ? 0 : l.ecLength] ^= 1;
            try (SecretBytes secret = client.agree(forged)) {
                // FIPS 203 §6.3: decapsulation of a modified ciphertext returns a pseudorandom key, so
                // the handshake keys differ and the handshake fails at the first protected record.
                assertFalse(Arrays.equals(x.secret().bytes(), secret.bytes()));
                assertEquals(x.secret().length(), secret.length());
            }
        }
    }

    @Test
    void aClosedShareRefusesToAgree() throws Exception {
        KeyShare client = NamedGroup.X25519_MLKEM768.generateKeyShare(RANDOM);
        byte[] share = client.publicKey();
        client.close();
        client.close();
        try (NamedGroup.Exchange x = NamedGroup.X25519_MLKEM768.respond(share, RANDOM)) {
            assertThrows(IllegalStateException.class, () -> client.agree(x.share()));
        }
        assertTrue(client.toString().contains("closed"));
    }
}
