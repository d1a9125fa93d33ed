package s2n.tls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import s2n.tls.TlsException;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.testing.RawPeer;

/**
 * Arbitrary handshake and post-handshake content that <em>authenticates</em>: a {@link RawPeer}
 * runs the key exchange for real and seals the fuzzer's bytes with the traffic keys, so they reach
 * the message parsers behind the record protection (EncryptedExtensions, Certificate,
 * CertificateVerify, Finished, KeyUpdate, NewSessionTicket, alerts, data), which mutating
 * ciphertext never could. The oracle is the one of {@link ConnectionFuzzTest}.
 *
 * <p>Input: records as {@code type selector (1) | length (2) | content}; the selector picks
 * alert, handshake or application data, the content is sealed as is (no fragmentation, so
 * oversized records reach the limit checks too).
 */
class ProtectedFlightFuzzTest {

    /** A real client, after a valid ServerHello, reads the fuzzer's encrypted server flight. */
    @FuzzTest
    void clientFedProtectedServerFlight(byte[] input) throws TlsException {
        try (RawPeer server = RawPeer.facingClient(FuzzFixtures.CLIENT)) {
            server.pump();
            ClientHello hello = server.readClientHello();
            server.sendServerHello(server.serverHello(hello).encodeServerHello(), server.clientShare(hello));
            sendRecords(server, input);
            server.pump();
            server.pump();
        }
    }

    /** A real server, after its flight, reads the fuzzer's encrypted client Finished and what follows. */
    @FuzzTest
    void serverFedProtectedClientFlight(byte[] input) throws TlsException {
        try (RawPeer client = RawPeer.facingServer(FuzzFixtures.SERVER)) {
            client.sendHandshake(client.clientHello().encodeClientHello());
            client.pump();
            client.readServerHello();
            client.readServerFlight();
            sendRecords(client, input);
            client.pump();
            client.pump();
        }
    }

    private static final int[] TYPES = {21, 22, 23};

    private static void sendRecords(RawPeer peer, byte[] input) throws TlsException {
        int at = 0;
        while (at + 3 <= input.length) {
            int type = TYPES[(input[at] & 0xff) % TYPES.length];
            int length = Math.min(((input[at + 1] & 0xff) << 8) | (input[at + 2] & 0xff), input.length - at - 3);
            at += 3;
            peer.sendSealed(type, Arrays.copyOfRange(input, at, at + length));
            at += length;
        }
    }
}
