package s2n.tls.internal.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handshake tables: every TLS 1.2 handshake we implement, with s2n's message order and names. */
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
    void onlyImplementedTls12HandshakesHaveTables() {
        Map<Integer, Message[]> all = HandshakeTables.allTls12();
        assertEquals(2, all.size(), all.keySet().toString());
        // Resumption (NEGOTIATED alone) and client authentication are not implemented.
        assertNull(HandshakeTables.tls12(HandshakeType.NEGOTIATED));
        assertNull(HandshakeTables.tls12(PFS | HandshakeType.CLIENT_AUTH));
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
