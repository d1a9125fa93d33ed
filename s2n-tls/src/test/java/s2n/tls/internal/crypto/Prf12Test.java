package s2n.tls.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static s2n.tls.internal.crypto.Hex.bytes;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The TLS 1.2 PRF against the P_SHA256/P_SHA384 vectors from the IETF TLS list and a published TLS 1.2 trace. */
class Prf12Test {
    // The Illustrated TLS 1.2 Connection (tls12.xargs.org): x25519 key exchange, AES-128-CBC-SHA.
    private static final byte[] TRACE_PRE_MASTER = bytes("df4a291baa1eb7cfa6934b29b474baad2697e29f1f920dcc77c8a0a088447624");
    private static final byte[] TRACE_CLIENT_RANDOM = bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] TRACE_SERVER_RANDOM = bytes("707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f");
    private static final byte[] TRACE_MASTER = bytes(
            "916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049781c8e19fc1eb2a7387ac06ae237344c");

    @Test
    void pSha256VectorFromTheTlsWorkingGroup() {
        // https://www.ietf.org/mail-archive/web/tls/current/msg03416.html
        byte[] out = Prf12.prf(Hash.SHA256, bytes("9bbe436ba940f017b17652849a71db35"), "test label",
                bytes("a0ba9f936cda311827a6f796ffd5198c"), 100);
        assertArrayEquals(bytes("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
                + "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
                + "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701" + "87347b66"), out);
    }

    @Test
    void pSha384VectorFromTheTlsWorkingGroup() {
        byte[] out = Prf12.prf(Hash.SHA384, bytes("b80b733d6ceefcdc71566ea48e5567df"), "test label",
                bytes("cd665cf6a8447dd6ff8b27555edb7465"), 148);
        assertArrayEquals(bytes("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
                + "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
                + "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
                + "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
                + "91c8f3a26854308d5eaa3be85e0990703d73e56f"), out);
    }

    @Test
    void outputIsAPrefixStream() {
        byte[] secret = bytes("9bbe436ba940f017b17652849a71db35");
        byte[] seed = bytes("a0ba9f936cda311827a6f796ffd5198c");
        byte[] longer = Prf12.prf(Hash.SHA256, secret, "test label", seed, 100);
        for (int n : new int[] {0, 1, 31, 32, 33, 64, 65}) {
            assertArrayEquals(Arrays.copyOf(longer, n), Prf12.prf(Hash.SHA256, secret, "test label", seed, n), "length " + n);
        }
        assertThrows(IllegalArgumentException.class, () -> Prf12.prf(Hash.SHA256, secret, "x", seed, -1));
    }

    @Test
    void masterSecretAndKeyBlockFromAPublishedTrace() {
        try (SecretBytes master = Prf12.masterSecret(Hash.SHA256, TRACE_PRE_MASTER, TRACE_CLIENT_RANDOM, TRACE_SERVER_RANDOM)) {
            assertArrayEquals(TRACE_MASTER, master.bytes());
            // key_block takes the server random first (RFC 5246 §6.3).
            byte[] block = Prf12.keyBlock(Hash.SHA256, master, TRACE_SERVER_RANDOM, TRACE_CLIENT_RANDOM, 104);
            assertArrayEquals(bytes("1b7d117c7d5f690bc263cae8ef60af0f1878acc2"), Arrays.copyOfRange(block, 0, 20));
            assertArrayEquals(bytes("2ad8bdd8c601a617126f63540eb20906f781fad2"), Arrays.copyOfRange(block, 20, 40));
            assertArrayEquals(bytes("f656d037b173ef3e11169f27231a84b6"), Arrays.copyOfRange(block, 40, 56));
            assertArrayEquals(bytes("752a18e7a9fcb7cbcdd8f98dd8f769eb"), Arrays.copyOfRange(block, 56, 72));
            assertArrayEquals(bytes("a0d2550c9238eebfef5c32251abb67d6"), Arrays.copyOfRange(block, 72, 88));
            assertArrayEquals(bytes("434528db4937d540d393135e06a11bb8"), Arrays.copyOfRange(block, 88, 104));
        }
    }

    @Test
    void clientFinishedVerifyDataFromThePublishedTrace() {
        // Transcript hash of ClientHello..ClientKeyExchange in that trace, and its client Finished.
        byte[] handshakeHash = bytes("061dda04b3c2217ff73bd79b9cf88a2bb6ec505404aac8722db03ef417b54cb4");
        try (SecretBytes master = SecretBytes.copyOf(TRACE_MASTER)) {
            byte[] verify = Prf12.verifyData(Hash.SHA256, master, "client finished", handshakeHash);
            assertEquals(Prf12.VERIFY_DATA_LENGTH, verify.length);
            assertArrayEquals(bytes("cf919626f1360c536aaad73a"), verify);
        }
    }

    @Test
    void extendedMasterSecretIsThePrfOverTheSessionHash() {
        // RFC 7627 §4: only the label and seed change; the seed is the session hash alone.
        byte[] sessionHash = Hash.SHA384.digest(new byte[] {1, 2, 3});
        try (SecretBytes ems = Prf12.extendedMasterSecret(Hash.SHA384, TRACE_PRE_MASTER, sessionHash);
             SecretBytes classic = Prf12.masterSecret(Hash.SHA384, TRACE_PRE_MASTER, TRACE_CLIENT_RANDOM, TRACE_SERVER_RANDOM)) {
            assertEquals(Prf12.MASTER_SECRET_LENGTH, ems.length());
            assertArrayEquals(Prf12.prf(Hash.SHA384, TRACE_PRE_MASTER, "extended master secret", sessionHash, 48), ems.bytes());
            assertFalse(Arrays.equals(ems.bytes(), classic.bytes()));
        }
    }
}
