package s2n.tls.internal.handshake;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import s2n.tls.Alert;
import s2n.tls.Mode;
import s2n.tls.TlsException;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.crypto.AeadAlgorithm;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.HandshakeMessage;
import s2n.tls.internal.record.RecordReader;
import s2n.tls.internal.record.Tls12Protection;

/**
 * Handshake messages after a TLS 1.2 handshake: every one would start a renegotiation, which is
 * refused as s2n refuses it (a client ignores HelloRequest, a server fails on ClientHello), and
 * TLS 1.3's post-handshake messages mean nothing here.
 */
class PostHandshakeTls12Test {

    private static RecordReader tls12Reader() {
        RecordReader reader = new RecordReader();
        reader.setProtection(Tls12Protection.create(AeadAlgorithm.AES_128_GCM, new byte[16], new byte[4]));
        return reader;
    }

    private static ByteBuffer message(int type, byte[] body) {
        return ByteBuffer.wrap(HandshakeMessage.frame(type, body));
    }

    private static void assertUnexpected(PostHandshake post, int type, byte[] body, Mode mode) {
        TlsException e = assertThrows(TlsException.class, () -> post.receive(message(type, body), mode, tls12Reader()));
        assertEquals(TlsException.Type.PROTOCOL, e.type());
        assertEquals(Alert.UNEXPECTED_MESSAGE, e.alert());
    }

    @Test
    void clientIgnoresHelloRequestsButNotAFloodOfThem() throws TlsException {
        KeyUpdates keyUpdates = new KeyUpdates();
        PostHandshake post = new PostHandshake(HandshakeReassembler.MAX_MESSAGE_LENGTH, null, keyUpdates);
        RecordReader reader = tls12Reader();
        for (int i = 0; i < PostHandshake.MAX_HELLO_REQUESTS_WITHOUT_DATA; i++) {
            post.receive(message(HandshakeCodes.HELLO_REQUEST, new byte[0]), Mode.CLIENT, reader);
            assertFalse(keyUpdates.isPending(), "a HelloRequest is not answered");
        }
        post.applicationDataReceived();
        for (int i = 0; i < PostHandshake.MAX_HELLO_REQUESTS_WITHOUT_DATA; i++) {
            post.receive(message(HandshakeCodes.HELLO_REQUEST, new byte[0]), Mode.CLIENT, reader);
        }
        TlsException e = assertThrows(TlsException.class,
                () -> post.receive(message(HandshakeCodes.HELLO_REQUEST, new byte[0]), Mode.CLIENT, reader));
        assertEquals(Alert.UNEXPECTED_MESSAGE, e.alert());
        assertTrue(e.getMessage().contains("HelloRequests without application data"), e.getMessage());
    }

    @Test
    void helloRequestWithABodyIsMalformed() {
        PostHandshake post = new PostHandshake(HandshakeReassembler.MAX_MESSAGE_LENGTH, null, new KeyUpdates());
        assertThrows(DecodeException.class,
                () -> post.receive(message(HandshakeCodes.HELLO_REQUEST, new byte[] {0}), Mode.CLIENT, tls12Reader()));
    }

    @Test
    void serverRefusesARenegotiationClientHello() {
        PostHandshake post = new PostHandshake(HandshakeReassembler.MAX_MESSAGE_LENGTH, null, new KeyUpdates());
        byte[] hello = HandshakeMessage.frame(HandshakeCodes.CLIENT_HELLO, new byte[300]);
        RecordReader reader = tls12Reader();
        // The ClientHello may arrive in pieces: nothing happens until it is whole.
        assertDoesNotThrow(() -> post.receive(ByteBuffer.wrap(Arrays.copyOf(hello, 100)), Mode.SERVER, reader));
        assertFalse(post.isEmpty());
        TlsException e = assertThrows(TlsException.class,
                () -> post.receive(ByteBuffer.wrap(Arrays.copyOfRange(hello, 100, hello.length)), Mode.SERVER, reader));
        assertEquals(Alert.UNEXPECTED_MESSAGE, e.alert());
        assertTrue(e.getMessage().contains("renegotiation refused"), e.getMessage());
    }

    @Test
    void everythingElseIsUnexpected() {
        assertUnexpected(new PostHandshake(HandshakeReassembler.MAX_MESSAGE_LENGTH, null, new KeyUpdates()), HandshakeCodes.HELLO_REQUEST, new byte[0], Mode.SERVER);
        assertUnexpected(new PostHandshake(HandshakeReassembler.MAX_MESSAGE_LENGTH, null, new KeyUpdates()), HandshakeCodes.CLIENT_HELLO, new byte[40], Mode.CLIENT);
        assertUnexpected(new PostHandshake(HandshakeReassembler.MAX_MESSAGE_LENGTH, null, new KeyUpdates()), HandshakeCodes.KEY_UPDATE, new byte[] {0}, Mode.CLIENT);
        assertUnexpected(new PostHandshake(HandshakeReassembler.MAX_MESSAGE_LENGTH, null, new KeyUpdates()), HandshakeCodes.KEY_UPDATE, new byte[] {0}, Mode.SERVER);
        assertUnexpected(new PostHandshake(HandshakeReassembler.MAX_MESSAGE_LENGTH, null, new KeyUpdates()), HandshakeCodes.NEW_SESSION_TICKET, new byte[10], Mode.CLIENT);
        assertUnexpected(new PostHandshake(HandshakeReassembler.MAX_MESSAGE_LENGTH, null, new KeyUpdates()), HandshakeCodes.FINISHED, new byte[12], Mode.CLIENT);
    }
}
