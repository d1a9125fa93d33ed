package s2n.tls.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import s2n.tls.Blocked;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.Finished;
import s2n.tls.internal.handshake.message.KeyUpdate;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.RawPeer;

/**
 * Writes the committed seed corpus of the fuzz targets (run it again when the fixtures change):
 * deterministic handshakes and a little data between our client and our server
 * ({@link FuzzFixtures}) are recorded in both directions, once in TLS 1.3 and once in TLS 1.2 for
 * each connection target (the {@code tls12-} seeds); the flights and the messages in them become
 * the seeds.
 *
 * <pre>
 * cd s2n-tls &amp;&amp; mvn -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) s2n.tls.fuzz.SeedCorpus src/test/resources/s2n/tls/fuzz
 * </pre>
 */
public final class SeedCorpus {
    private SeedCorpus() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Recording tls13 = record(FuzzFixtures.CLIENT, FuzzFixtures.SERVER);
        // TLS 1.2 for each real target: a TLS 1.2-only peer makes it negotiate TLS 1.2.
        Recording tls12ToServer = record(FuzzFixtures.CLIENT12, FuzzFixtures.SERVER);
        Recording tls12ToClient = record(FuzzFixtures.CLIENT, FuzzFixtures.SERVER12);

        Path connection = root.resolve("ConnectionFuzzTestInputs");
        writeFlights(connection.resolve("serverFedClientFlight"), "", tls13.clientHandshake, tls13.clientAll, 7);
        writeFlights(connection.resolve("clientFedServerFlight"), "", tls13.serverHandshake, tls13.serverAll, 5);
        writeFlights(connection.resolve("serverFedClientFlight"), "tls12-", tls12ToServer.clientHandshake,
                tls12ToServer.clientAll, 7);
        writeFlights(connection.resolve("clientFedServerFlight"), "tls12-", tls12ToClient.serverHandshake,
                tls12ToClient.serverAll, 5);

        Path record = root.resolve("RecordLayerFuzzTestInputs");
        write(record.resolve("plaintextRecords"), "client-flight", tls13.clientAll);
        write(record.resolve("plaintextRecords"), "server-flight", tls13.serverAll);
        write(record.resolve("protectedInnerPlaintext"), "data-handshake-alert",
                new byte[] {0, 3, 'h', 'i', 23, 0, 6, 20, 0, 0, 0, 22, 0, 0, 3, 1, 0, 21});
        write(record.resolve("protectedInnerPlaintext"), "padded", new byte[] {0, 6, 'x', 23, 0, 0, 0, 0});
        // RecordLayerFuzzTest#tls12ProtectedRecords: AEAD selector, then type | length | content.
        byte[] records = {23, 0, 2, 'h', 'i', 22, 0, 4, 0, 0, 0, 0, 21, 0, 2, 1, 0, 23, 0, 0};
        write(record.resolve("tls12ProtectedRecords"), "aes-gcm-data-handshake-alert", concat(new byte[] {0}, records));
        write(record.resolve("tls12ProtectedRecords"), "chacha20-data-handshake-alert", concat(new byte[] {1}, records));

        writeMessageSeeds(root.resolve("HandshakeMessageFuzzTestInputs"), tls13.clientHandshake);
        writeProtectedSeeds(root.resolve("ProtectedFlightFuzzTestInputs"));
    }

    /** What each side wrote: the handshake alone, then with a request, a response and close_notify. */
    private record Recording(byte[] clientHandshake, byte[] serverHandshake, byte[] clientAll, byte[] serverAll) {}

    /** A deterministic handshake and a little data between a client and a server with these configs. */
    private static Recording record(Config clientConfig, Config serverConfig) throws IOException {
        MemoryPipe toServer = new MemoryPipe();
        MemoryPipe toClient = new MemoryPipe();
        ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
        ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
        try (Connection client = FuzzFixtures.connection(Mode.CLIENT, clientConfig, toClient, toServer);
                Connection server = FuzzFixtures.connection(Mode.SERVER, serverConfig, toServer, toClient)) {
            boolean clientDone = false;
            boolean serverDone = false;
            for (int round = 0; round < 20 && !(clientDone && serverDone); round++) {
                clientDone = clientDone || client.negotiate() == Blocked.NOT_BLOCKED;
                relay(toServer, fromClient);
                serverDone = serverDone || server.negotiate() == Blocked.NOT_BLOCKED;
                relay(toClient, fromServer);
            }
            if (!clientDone || !serverDone) {
                throw new IllegalStateException("the recorded handshake did not complete");
            }
            byte[] clientHandshake = fromClient.toByteArray();
            byte[] serverHandshake = fromServer.toByteArray();
            client.send(ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            server.send(ByteBuffer.wrap("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            client.shutdownSend();
            server.shutdownSend();
            relay(toServer, fromClient);
            relay(toClient, fromServer);
            return new Recording(clientHandshake, serverHandshake, fromClient.toByteArray(), fromServer.toByteArray());
        }
    }

    /** The three seeds of a connection target: the handshake, everything, everything in chunks. */
    private static void writeFlights(Path dir, String prefix, byte[] handshake, byte[] all, int chunk) throws IOException {
        write(dir, prefix + "handshake", prefixed(0, handshake));
        write(dir, prefix + "handshake-data-close", prefixed(0, all));
        write(dir, prefix + "handshake-in-" + chunk + "-byte-chunks", prefixed(chunk, all));
    }

    /** Moves what is in {@code pipe} to its reader again, keeping a copy. */
    private static void relay(MemoryPipe pipe, ByteArrayOutputStream copy) {
        byte[] b = pipe.drain();
        copy.writeBytes(b);
        pipe.inject(b);
    }

    private static void writeMessageSeeds(Path dir, byte[] clientHandshake) throws IOException {
        // The ClientHello is the first record's fragment (plaintext).
        int length = ((clientHandshake[3] & 0xff) << 8) | (clientHandshake[4] & 0xff);
        byte[] hello = Arrays.copyOfRange(clientHandshake, 5, 5 + length);
        byte[] helloBody = Arrays.copyOfRange(hello, 4, hello.length);
        CertificateChainAndKey cert = FuzzFixtures.SERVER.certificateChainAndKeys().get(0);
        List<byte[]> messages = List.of(
                helloBody,
                body(RawPeer.encryptedExtensions(Extensions.empty())),
                body(RawPeer.certificate(cert.certificates())),
                body(new Finished(new byte[32]).encode()),
                body(new KeyUpdate(1).encode()));
        int[] decoders = {0, 2, 3, 6, 7};
        for (int i = 0; i < messages.size(); i++) {
            write(dir.resolve("messageDecoders"), "message-" + decoders[i], prefixed(decoders[i], messages.get(i)));
        }
        Extensions ext = ClientHello.decode(new Reader(helloBody)).extensions();
        int[][] byType = {{0, 0}, {43, 1}, {10, 3}, {13, 4}, {51, 5}, {50, 4}};
        for (int[] pair : byType) {
            byte[] data = ext.get(pair[0]);
            if (data != null) {
                write(dir.resolve("extensionDecoders"), "extension-" + pair[0], prefixed(pair[1], data));
            }
        }
    }

    /** Records for {@link ProtectedFlightFuzzTest}: selector 1 = handshake, 2 = data, 0 = alert (3 = Finished, TLS 1.2). */
    private static void writeProtectedSeeds(Path dir) throws IOException {
        CertificateChainAndKey cert = FuzzFixtures.SERVER.certificateChainAndKeys().get(0);
        byte[] verify = {15, 0, 0, 8, 4, 3, 0, 4, 1, 2, 3, 4};
        write(dir.resolve("clientFedProtectedServerFlight"), "server-flight", concat(
                protectedRecord(1, RawPeer.encryptedExtensions(Extensions.empty())),
                protectedRecord(1, RawPeer.certificate(cert.certificates())),
                protectedRecord(1, verify),
                protectedRecord(1, new Finished(new byte[32]).encode())));
        write(dir.resolve("serverFedProtectedClientFlight"), "finished-data-keyupdate-close", concat(
                protectedRecord(1, new Finished(new byte[32]).encode()),
                protectedRecord(2, "data".getBytes(StandardCharsets.US_ASCII)),
                protectedRecord(1, new KeyUpdate(1).encode()),
                protectedRecord(0, new byte[] {1, 0})));
        // TLS 1.2: selector 3 is the sender's real Finished; the records after it are post-handshake.
        byte[] helloRequest = {0, 0, 0, 0};
        write(dir.resolve("clientFedProtectedTls12ServerFlight"), "finished-data-hellorequest-close", concat(
                protectedRecord(3, new byte[0]),
                protectedRecord(2, "data".getBytes(StandardCharsets.US_ASCII)),
                protectedRecord(1, helloRequest),
                protectedRecord(0, new byte[] {1, 0})));
        write(dir.resolve("clientFedProtectedTls12ServerFlight"), "wrong-finished",
                protectedRecord(1, new Finished(new byte[12]).encode()));
        write(dir.resolve("serverFedProtectedTls12ClientFlight"), "finished-data-close", concat(
                protectedRecord(3, new byte[0]),
                protectedRecord(2, "data".getBytes(StandardCharsets.US_ASCII)),
                protectedRecord(0, new byte[] {1, 0})));
        write(dir.resolve("serverFedProtectedTls12ClientFlight"), "wrong-finished",
                protectedRecord(1, new Finished(new byte[12]).encode()));
    }

    private static byte[] protectedRecord(int selector, byte[] content) {
        byte[] out = new byte[3 + content.length];
        out[0] = (byte) selector;
        out[1] = (byte) (content.length >>> 8);
        out[2] = (byte) content.length;
        System.arraycopy(content, 0, out, 3, content.length);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] body(byte[] message) {
        return Arrays.copyOfRange(message, 4, message.length);
    }

    private static byte[] prefixed(int first, byte[] rest) {
        byte[] out = new byte[rest.length + 1];
        out[0] = (byte) first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
