package s2n.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.internal.crypto.Hex.bytes;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import s2n.tls.Alert;
import s2n.tls.TlsException;

/** (EC)DHE key shares: agreement, published vectors, and refusal of every malformed peer share. */
class KeyShareTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<NamedGroup> IMPLEMENTED = List.of(
            NamedGroup.X25519, NamedGroup.X448, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1);

    private static void assertIllegalParameter(Executable e, String messagePart) {
        TlsException x = assertThrows(TlsException.class, e);
        assertEquals(TlsException.Type.PROTOCOL, x.type());
        assertEquals(Alert.ILLEGAL_PARAMETER, x.alert());
        assertTrue(x.getMessage().contains(messagePart), x.getMessage());
    }

    @Test
    void twoSharesOfEachGroupAgree() throws TlsException {
        int[] secretLengths = {32, 56, 32, 48, 66};
        for (int i = 0; i < IMPLEMENTED.size(); i++) {
            NamedGroup g = IMPLEMENTED.get(i);
            assertTrue(g.isSupported(), g.name());
            try (KeyShare a = g.generateKeyShare(RANDOM); KeyShare b = g.generateKeyShare(RANDOM)) {
                assertEquals(g, a.group());
                assertEquals(g.publicKeyLength(), a.publicKey().length, g.name());
                try (SecretBytes ab = a.agree(b.publicKey()); SecretBytes ba = b.agree(a.publicKey())) {
                    assertEquals(secretLengths[i], ab.length(), g.name());
                    assertArrayEquals(ab.bytes(), ba.bytes(), g.name());
                    assertFalse(SecretBytes.allZero(ab.bytes()));
                }
            }
        }
    }

    @Test
    void x25519Rfc7748Section6_1() throws TlsException {
        byte[] alicePrivate = bytes("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] alicePublic = bytes("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        byte[] bobPrivate = bytes("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        byte[] bobPublic = bytes("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        byte[] shared = bytes("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        try (KeyShare alice = NamedGroup.X25519.keyShareFromPrivateKey(alicePrivate);
             KeyShare bob = NamedGroup.X25519.keyShareFromPrivateKey(bobPrivate)) {
            assertArrayEquals(alicePublic, alice.publicKey());
            assertArrayEquals(bobPublic, bob.publicKey());
            assertArrayEquals(shared, alice.agree(bobPublic).bytes());
            assertArrayEquals(shared, bob.agree(alicePublic).bytes());
        }
    }

    @Test
    void x448Rfc7748Section6_2() throws TlsException {
        byte[] alicePrivate = bytes("9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b");
        byte[] alicePublic = bytes("9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0");
        byte[] bobPrivate = bytes("1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d");
        byte[] bobPublic = bytes("3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609");
        byte[] shared = bytes("07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d");
        try (KeyShare alice = NamedGroup.X448.keyShareFromPrivateKey(alicePrivate);
             KeyShare bob = NamedGroup.X448.keyShareFromPrivateKey(bobPrivate)) {
            assertArrayEquals(alicePublic, alice.publicKey());
            assertArrayEquals(bobPublic, bob.publicKey());
            assertArrayEquals(shared, alice.agree(bobPublic).bytes());
            assertArrayEquals(shared, bob.agree(alicePublic).bytes());
        }
    }

    @Test
    void secp256r1Rfc5903Section8_1() throws TlsException {
        byte[] i = bytes("C88F01F5 10D9AC3F 70A292DA A2316DE5 44E9AAB8 AFE84049 C62A9C57 862D1433");
        byte[] gi = bytes("04 DAD0B653 94221CF9 B051E1FE CA5787D0 98DFE637 FC90B9EF 945D0C37 72581180"
                + "5271A046 1CDB8252 D61F1C45 6FA3E59A B1F45B33 ACCF5F58 389E0577 B8990BB3");
        byte[] r = bytes("C6EF9C5D 78AE012A 011164AC B397CE20 88685D8F 06BF9BE0 B283AB46 476BEE53");
        byte[] gr = bytes("04 D12DFB52 89C8D4F8 1208B702 70398C34 2296970A 0BCCB74C 736FC755 4494BF63"
                + "56FBF3CA 366CC23E 8157854C 13C58D6A AC23F046 ADA30F83 53E74F33 039872AB");
        byte[] girx = bytes("D6840F6B 42F6EDAF D13116E0 E1256520 2FEF8E9E CE7DCE03 812464D0 4B9442DE");
        try (KeyShare initiator = NamedGroup.SECP256R1.keyShareFromPrivateKey(i);
             KeyShare responder = NamedGroup.SECP256R1.keyShareFromPrivateKey(r)) {
            assertArrayEquals(gi, initiator.publicKey());
            assertArrayEquals(gr, responder.publicKey());
            assertArrayEquals(girx, initiator.agree(gr).bytes());
            assertArrayEquals(girx, responder.agree(gi).bytes());
        }
    }

    @Test
    void ecKeyShareFromPrivateKeyMatchesTheJcaPublicKey() throws Exception {
        for (NamedGroup g : List.of(NamedGroup.SECP384R1, NamedGroup.SECP521R1)) {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec(g.name()));
            KeyPair kp = kpg.generateKeyPair();
            byte[] scalar = ((ECPrivateKey) kp.getPrivate()).getS().toByteArray();
            try (KeyShare share = g.keyShareFromPrivateKey(scalar)) {
                ECPublicKey pub = (ECPublicKey) kp.getPublic();
                byte[] wire = share.publicKey();
                assertEquals(4, wire[0]);
                int f = (wire.length - 1) / 2;
                assertEquals(pub.getW().getAffineX(), new BigInteger(1, Arrays.copyOfRange(wire, 1, 1 + f)), g.name());
                assertEquals(pub.getW().getAffineY(), new BigInteger(1, Arrays.copyOfRange(wire, 1 + f, wire.length)), g.name());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> NamedGroup.SECP256R1.keyShareFromPrivateKey(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> NamedGroup.X25519.keyShareFromPrivateKey(new byte[31]));
    }

    @Test
    void wrongLengthSharesAreIllegalParameters() throws TlsException {
        for (NamedGroup g : IMPLEMENTED) {
            try (KeyShare mine = g.generateKeyShare(RANDOM); KeyShare peer = g.generateKeyShare(RANDOM)) {
                byte[] good = peer.publicKey();
                assertIllegalParameter(() -> mine.agree(Arrays.copyOf(good, good.length - 1)), "bytes");
                assertIllegalParameter(() -> mine.agree(Arrays.copyOf(good, good.length + 1)), "bytes");
                assertIllegalParameter(() -> mine.agree(new byte[0]), g.name());
            }
        }
    }

    @Test
    void allZeroX25519AndX448ResultsAreIllegalParameters() throws TlsException {
        try (KeyShare mine = NamedGroup.X25519.generateKeyShare(RANDOM)) {
            // u = 0 and u = 1 have small order; u = p is 0 in non-canonical form; 0x80.. has only the masked bit.
            byte[] one = new byte[32];
            one[0] = 1;
            byte[] p = bytes("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
            byte[] topBitOnly = new byte[32];
            topBitOnly[31] = (byte) 0x80;
            for (byte[] small : List.of(new byte[32], one, p, topBitOnly)) {
                assertIllegalParameter(() -> mine.agree(small), "x25519");
            }
        }
        try (KeyShare mine = NamedGroup.X448.generateKeyShare(RANDOM)) {
            assertIllegalParameter(() -> mine.agree(new byte[56]), "x448");
        }
    }

    @Test
    void x25519MasksTheTopBitOfThePeerShare() throws TlsException {
        // RFC 7748 §5: the most significant bit of the final byte is ignored.
        try (KeyShare a = NamedGroup.X25519.generateKeyShare(RANDOM); KeyShare b = NamedGroup.X25519.generateKeyShare(RANDOM)) {
            byte[] flipped = b.publicKey();
            flipped[31] ^= (byte) 0x80;
            assertArrayEquals(a.agree(b.publicKey()).bytes(), a.agree(flipped).bytes());
        }
    }

    @Test
    void malformedEcPointsAreIllegalParameters() throws TlsException {
        for (NamedGroup g : List.of(NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1)) {
            try (KeyShare mine = g.generateKeyShare(RANDOM); KeyShare peer = g.generateKeyShare(RANDOM)) {
                byte[] good = peer.publicKey();
                int f = (good.length - 1) / 2;

                byte[] offCurve = good.clone();
                offCurve[offCurve.length - 1] ^= 1;
                assertIllegalParameter(() -> mine.agree(offCurve), "not a point on the curve");

                byte[] compressed = new byte[1 + f];
                compressed[0] = (byte) (2 + (good[good.length - 1] & 1));
                System.arraycopy(good, 1, compressed, 1, f);
                assertIllegalParameter(() -> mine.agree(compressed), "compressed");

                byte[] compressedFormFullLength = good.clone();
                compressedFormFullLength[0] = 3;
                assertIllegalParameter(() -> mine.agree(compressedFormFullLength), "compressed");

                byte[] hybrid = good.clone();
                hybrid[0] = 6;
                assertIllegalParameter(() -> mine.agree(hybrid), "point form");

                assertIllegalParameter(() -> mine.agree(new byte[] {0}), "infinity");

                byte[] zeros = new byte[good.length];
                zeros[0] = 4;
                assertIllegalParameter(() -> mine.agree(zeros), "not a point on the curve");

                // x = p: outside the field even though (p mod p, y) might look valid.
                byte[] xIsP = good.clone();
                BigInteger p = ((ECFieldFp) g.curve().spec().getCurve().getField()).getP();
                EcCurve.writeFixed(p, xIsP, 1, f);
                assertIllegalParameter(() -> mine.agree(xIsP), "outside the field");
            }
        }
    }

    @Test
    void aClosedShareRefusesToAgree() throws TlsException {
        KeyShare share = NamedGroup.SECP256R1.generateKeyShare(RANDOM);
        byte[] pub = share.publicKey();
        share.close();
        share.close();
        assertThrows(IllegalStateException.class, () -> share.agree(pub));
        assertTrue(share.toString().contains("closed"));
        assertEquals(65, share.publicKey().length, "the public half stays readable");
    }

    @Test
    void namedOnlyGroupsCannotMakeShares() {
        for (NamedGroup g : List.of(NamedGroup.FFDHE2048, NamedGroup.MLKEM1024, NamedGroup.of(0x7777))) {
            assertFalse(g.isImplemented(), g.name());
            assertFalse(g.isSupported(), g.name());
            assertThrows(IllegalStateException.class, () -> g.generateKeyShare(RANDOM), g.name());
            assertThrows(IllegalStateException.class, () -> g.keyShareFromPrivateKey(new byte[32]), g.name());
        }
    }
}
