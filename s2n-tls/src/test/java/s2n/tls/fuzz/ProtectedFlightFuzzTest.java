package s2n.tls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.function.Supplier;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.TlsException;
import s2n.tls.internal.crypto.SignatureScheme;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.testing.RawPeer;
import s2n.tls.testing.Tls12Half;

/**
 * Arbitrary handshake and post-handshake content that <em>authenticates</em>: a {@link RawPeer}
 * runs the key exchange for real and seals the fuzzer's bytes with the traffic keys, so they reach
 * the message parsers behind the record protection (EncryptedExtensions, Certificate,
 * CertificateVerify, Finished, KeyUpdate, NewSessionTicket, alerts, data), which mutating
 * ciphertext never could. The oracle is the one of {@link ConnectionFuzzTest}.
 *
 * <p>Input: records as {@code type selector (1) | length (2) | content}; the selector picks
 * alert, handshake or application data, the content is sealed as is (no fragmentation, so
 * oversized records reach the limit checks too). The TLS 1.2 targets (a raw peer's
 * {@link Tls12Half}) add a fourth selector for the sender's real Finished: unlike TLS 1.3 keys,
 * TLS 1.2 keys do not change after it, so the fuzzer's records that follow reach the code after
 * the handshake.
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
            FuzzFixtures.assertPeerCaused(server.failure());
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
            FuzzFixtures.assertPeerCaused(client.failure());
        }
    }

    /**
     * A real TLS 1.2 client, after the whole handshake but the server's Finished (a raw TLS 1.2
     * server read the client's Finished and sent its change_cipher_spec), reads the fuzzer's
     * records sealed with the server's write keys. Selector 3 sends the server's real Finished, so
     * what follows it reaches the post-handshake code (HelloRequest, renegotiation refusal, data).
     */
    @FuzzTest
    void clientFedProtectedTls12ServerFlight(byte[] input) throws TlsException {
        try (RawPeer server = RawPeer.facingClient(FuzzFixtures.CLIENT)) {
            Tls12Half tls12 = server.tls12();
            server.pump();
            CertificateChainAndKey cert = FuzzFixtures.SERVER.certificateChainAndKeys().get(0);
            tls12.sendServerFirstFlight(tls12.readClientHello(), cert.certificates(), cert.privateKey(),
                    SignatureScheme.ECDSA_SECP256R1_SHA256);
            server.pump();
            tls12.readClientFinalFlight();
            tls12.sendChangeCipherSpec();
            sendTls12Records(server, input, tls12::serverFinished);
            server.pump();
            server.pump();
            FuzzFixtures.assertPeerCaused(server.failure());
        }
    }

    /**
     * A real TLS 1.2 server, after a raw TLS 1.2 client's ClientKeyExchange and change_cipher_spec,
     * reads the fuzzer's records sealed with the client's write keys. Selector 3 sends the client's
     * real Finished, so what follows it reaches the server's post-handshake code.
     */
    @FuzzTest
    void serverFedProtectedTls12ClientFlight(byte[] input) throws TlsException {
        try (RawPeer client = RawPeer.facingServer(FuzzFixtures.SERVER)) {
            Tls12Half tls12 = client.tls12();
            tls12.sendClientHello(tls12.clientHello());
            client.pump();
            tls12.readServerFlight();
            tls12.sendClientKeyExchange();
            tls12.sendChangeCipherSpec();
            sendTls12Records(client, input, tls12::clientFinished);
            client.pump();
            client.pump();
            FuzzFixtures.assertPeerCaused(client.failure());
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

    /** Like {@link #sendRecords}, with a fourth selector: the sender's real Finished (the content is skipped). */
    private static void sendTls12Records(RawPeer peer, byte[] input, Supplier<byte[]> finished) throws TlsException {
        int at = 0;
        while (at + 3 <= input.length) {
            int selector = (input[at] & 0xff) % (TYPES.length + 1);
            int length = Math.min(((input[at + 1] & 0xff) << 8) | (input[at + 2] & 0xff), input.length - at - 3);
            at += 3;
            if (selector == TYPES.length) {
                peer.sendHandshake(finished.get());
            } else {
                peer.sendSealed(TYPES[selector], Arrays.copyOfRange(input, at, at + length));
            }
            at += length;
        }
    }
}
