package s2n.tls.internal.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handshake tables: every TLS 1.2 and TLS 1.3 handshake, with s2n's message order and names. */
class HandshakeTablesTest {
    private static final int PFS = HandshakeType.NEGOTIATED | HandshakeType.FULL_HANDSHAKE
            | HandshakeType.TLS12_PERFECT_FORWARD_SECRECY;

    @Test
    void tls12FullHandshakeIsS2nsOrder() {
        assertArrayEquals(new Message[] {
            Message.CLIENT_HELLO, Message.SERVER_HELLO, Message.SERVER_CERT, Message.SERVER_KEY, Message.SERVER_HELLO_DONE,
            Message.CLIENT_KEY, Message.CLIENT_CHANGE_CIPHER_SPEC, Message.CLIENT_FINISHED,
            Message.SERVER_CHANGE_CIPHER_SPEC, Message.SERVER_FINISHED, Message.APPLICATION_DATA}, HandshakeTables.tls12(PFS));
        assertEquals("NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY", HandshakeType.name(PFS, false));
    }

    @Test
    void tls12TablesCoverResumptionClientAuthTicketsAndStatus() {
        int resumed = HandshakeType.NEGOTIATED;
        assertArrayEquals(new Message[] {
            Message.CLIENT_HELLO, Message.SERVER_HELLO, Message.SERVER_CHANGE_CIPHER_SPEC, Message.SERVER_FINISHED,
            Message.CLIENT_CHANGE_CIPHER_SPEC, Message.CLIENT_FINISHED, Message.APPLICATION_DATA}, HandshakeTables.tls12(resumed));
        // s2n's longest TLS 1.2 handshake: PFS, client authentication, OCSP status and a new ticket.
        int all = PFS | HandshakeType.CLIENT_AUTH | HandshakeType.OCSP_STATUS | HandshakeType.WITH_SESSION_TICKET;
        assertArrayEquals(new Message[] {
            Message.CLIENT_HELLO, Message.SERVER_HELLO, Message.SERVER_CERT, Message.SERVER_CERT_STATUS, Message.SERVER_KEY,
            Message.SERVER_CERT_REQ, Message.SERVER_HELLO_DONE, Message.CLIENT_CERT, Message.CLIENT_KEY,
            Message.CLIENT_CERT_VERIFY, Message.CLIENT_CHANGE_CIPHER_SPEC, Message.CLIENT_FINISHED,
            Message.SERVER_NEW_SESSION_TICKET, Message.SERVER_CHANGE_CIPHER_SPEC, Message.SERVER_FINISHED,
            Message.APPLICATION_DATA}, HandshakeTables.tls12(all));
        // An empty client Certificate is answered without CertificateVerify (RFC 5246 §7.4.8).
        Message[] noCert = HandshakeTables.tls12(PFS | HandshakeType.CLIENT_AUTH | HandshakeType.NO_CLIENT_CERT);
        assertFalse(Arrays.asList(noCert).contains(Message.CLIENT_CERT_VERIFY));
        assertTrue(Arrays.asList(noCert).contains(Message.CLIENT_CERT));
        // Incoherent types have no table: client authentication on a resumed handshake, static RSA.
        assertNull(HandshakeTables.tls12(resumed | HandshakeType.CLIENT_AUTH));
        assertNull(HandshakeTables.tls12(HandshakeType.NEGOTIATED | HandshakeType.FULL_HANDSHAKE));
        assertNull(HandshakeTables.tls12(PFS | HandshakeType.NO_CLIENT_CERT));
        // INITIAL, 2 resumed (with and without a ticket), 2 x 2 x 3 full (status, ticket, auth).
        assertEquals(1 + 2 + 12, HandshakeTables.allTls12().size(), HandshakeTables.allTls12().keySet().toString());
    }

    @Test
    void tls13TablesKeepTheHandWrittenOrders() {
        int full = HandshakeType.NEGOTIATED | HandshakeType.FULL_HANDSHAKE;
        assertArrayEquals(new Message[] {
            Message.CLIENT_HELLO, Message.SERVER_HELLO, Message.SERVER_CHANGE_CIPHER_SPEC, Message.ENCRYPTED_EXTENSIONS,
            Message.SERVER_CERT, Message.SERVER_CERT_VERIFY, Message.SERVER_FINISHED, Message.CLIENT_CHANGE_CIPHER_SPEC,
            Message.CLIENT_FINISHED, Message.APPLICATION_DATA}, HandshakeTables.tls13(full | HandshakeType.MIDDLEBOX_COMPAT));
        assertArrayEquals(new Message[] {
            Message.CLIENT_HELLO, Message.HELLO_RETRY_MSG, Message.SERVER_CHANGE_CIPHER_SPEC,
            Message.CLIENT_CHANGE_CIPHER_SPEC, Message.CLIENT_HELLO, Message.SERVER_HELLO, Message.ENCRYPTED_EXTENSIONS,
            Message.SERVER_CERT, Message.SERVER_CERT_VERIFY, Message.SERVER_FINISHED, Message.CLIENT_FINISHED,
            Message.APPLICATION_DATA},
                HandshakeTables.tls13(full | HandshakeType.HELLO_RETRY_REQUEST | HandshakeType.MIDDLEBOX_COMPAT));
        assertArrayEquals(new Message[] {
            Message.CLIENT_HELLO, Message.SERVER_HELLO, Message.ENCRYPTED_EXTENSIONS, Message.SERVER_CERT_REQ,
            Message.SERVER_CERT, Message.SERVER_CERT_VERIFY, Message.SERVER_FINISHED, Message.CLIENT_CERT,
            Message.CLIENT_CERT_VERIFY, Message.CLIENT_FINISHED, Message.APPLICATION_DATA},
                HandshakeTables.tls13(full | HandshakeType.CLIENT_AUTH));
        // RFC 8446 §2.3: 0-RTT with the client's CCS straight after its ClientHello.
        int early = HandshakeType.NEGOTIATED | HandshakeType.WITH_EARLY_DATA | HandshakeType.MIDDLEBOX_COMPAT
                | HandshakeType.EARLY_CLIENT_CCS;
        assertArrayEquals(new Message[] {
            Message.CLIENT_HELLO, Message.CLIENT_CHANGE_CIPHER_SPEC, Message.SERVER_HELLO,
            Message.SERVER_CHANGE_CIPHER_SPEC, Message.ENCRYPTED_EXTENSIONS, Message.SERVER_FINISHED,
            Message.END_OF_EARLY_DATA, Message.CLIENT_FINISHED, Message.APPLICATION_DATA}, HandshakeTables.tls13(early));
        assertNull(HandshakeTables.tls13(HandshakeType.NEGOTIATED | HandshakeType.CLIENT_AUTH));
        assertNull(HandshakeTables.tls13(full | HandshakeType.WITH_EARLY_DATA));
        assertNull(HandshakeTables.tls13(HandshakeType.NEGOTIATED | HandshakeType.WITH_EARLY_DATA
                | HandshakeType.HELLO_RETRY_REQUEST));
    }

    /**
     * In every TLS 1.3 table: one ClientHello per hello retry, each side's Finished once, the
     * server's before the client's, each side's compatibility CCS at most once and before its
     * Finished, a CertificateVerify only after a Certificate, and application data last.
     */
    @Test
    void everyTls13TableIsAWellFormedFlow() {
        for (Map.Entry<Integer, Message[]> e : HandshakeTables.allTls13().entrySet()) {
            List<Message> m = Arrays.asList(e.getValue());
            String name = HandshakeType.name(e.getKey(), true);
            if (e.getKey() == HandshakeType.INITIAL) {
                continue;
            }
            boolean hrr = (e.getKey() & HandshakeType.HELLO_RETRY_REQUEST) != 0;
            assertEquals(hrr ? 2 : 1, m.stream().filter(x -> x == Message.CLIENT_HELLO).count(), name);
            assertEquals(1, m.stream().filter(x -> x == Message.SERVER_FINISHED).count(), name);
            assertEquals(1, m.stream().filter(x -> x == Message.CLIENT_FINISHED).count(), name);
            assertTrue(m.indexOf(Message.SERVER_FINISHED) < m.indexOf(Message.CLIENT_FINISHED), name);
            for (Message ccs : new Message[] {Message.SERVER_CHANGE_CIPHER_SPEC, Message.CLIENT_CHANGE_CIPHER_SPEC}) {
                long n = m.stream().filter(x -> x == ccs).count();
                assertEquals((e.getKey() & HandshakeType.MIDDLEBOX_COMPAT) != 0 ? 1 : 0, n, name + " " + ccs);
            }
            if (m.contains(Message.CLIENT_CERT_VERIFY)) {
                assertEquals(m.indexOf(Message.CLIENT_CERT) + 1, m.indexOf(Message.CLIENT_CERT_VERIFY), name);
            }
            boolean full = (e.getKey() & HandshakeType.FULL_HANDSHAKE) != 0;
            assertEquals(full, m.contains(Message.SERVER_CERT), name);
            if (full) {
                assertEquals(m.indexOf(Message.SERVER_CERT) + 1, m.indexOf(Message.SERVER_CERT_VERIFY), name);
            }
            assertEquals(Message.APPLICATION_DATA, m.get(m.size() - 1), name);
        }
    }

    /** Both families begin alike, so the table can switch when the server's hello decides the version. */
    @Test
    void bothFamiliesShareTheInitialHandshake() {
        assertArrayEquals(HandshakeTables.tls13(HandshakeType.INITIAL), HandshakeTables.tls12(HandshakeType.INITIAL));
        for (Message[] table : HandshakeTables.allTls12().values()) {
            assertEquals(Message.CLIENT_HELLO, table[0]);
            assertEquals(Message.SERVER_HELLO, table[1]);
        }
    }

    /**
     * RFC 5246 §7.1, §7.4.9: in every TLS 1.2 handshake each side's change_cipher_spec comes right
     * before its Finished, by the same writer, and the handshake ends in application data.
     */
    @Test
    void everyTls12TableSwitchesKeysRightBeforeFinished() {
        for (Map.Entry<Integer, Message[]> e : HandshakeTables.allTls12().entrySet()) {
            Message[] table = e.getValue();
            if (e.getKey() == HandshakeType.INITIAL) {
                continue;
            }
            int finished = 0;
            for (int i = 0; i < table.length; i++) {
                if (table[i] == Message.CLIENT_FINISHED || table[i] == Message.SERVER_FINISHED) {
                    finished++;
                    assertTrue(table[i - 1].isChangeCipherSpec(), "change_cipher_spec before " + table[i]);
                    assertEquals(table[i].writer(), table[i - 1].writer());
                }
            }
            assertEquals(2, finished);
            assertEquals(Message.APPLICATION_DATA, table[table.length - 1]);
        }
    }
}
