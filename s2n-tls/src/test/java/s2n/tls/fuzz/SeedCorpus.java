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
 * a deterministic handshake and a little data between our client and our server
 * ({@link FuzzFixtures}) are recorded in both directions; the flights and the messages in them
 * become the seeds.
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
        MemoryPipe toServer = new MemoryPipe();
        MemoryPipe toClient = new MemoryPipe();
        ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
        ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
        Connection client = FuzzFixtures.connection(Mode.CLIENT, toClient, toServer);
        Connection server = FuzzFixtures.connection(Mode.SERVER, toServer, toClient);
        boolean clientDone = false;
        boolean serverDone = false;
        for (int round = 0; round < 20 && !(clientDone && serverDone); round++) {
            clientDone = clientDone || client.negotiate() == Blocked.NOT_BLOCKED;
            relay(toServer, fromClient);
            serverDone = serverDone || server.negotiate() == Blocked.NOT_BLOCKED;
            relay(toClient, fromServer);
        }
        byte[] clientHandshake = fromClient.toByteArray();
        byte[] serverHandshake = fromServer.toByteArray();
        client.send(ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        server.send(ByteBuffer.wrap("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        client.shutdownSend();
        server.shutdownSend();
        relay(toServer, fromClient);
        relay(toClient, fromServer);
        byte[] clientAll = fromClient.toByteArray();
        byte[] serverAll = fromServer.toByteArray();

        Path connection = root.resolve("ConnectionFuzzTestInputs");
        write(connection.resolve("serverFedClientFlight"), "handshake", prefixed(0, clientHandshake));
        write(connection.resolve("serverFedClientFlight"), "handshake-data-close", prefixed(0, clientAll));
        write(connection.resolve("serverFedClientFlight"), "handshake-in-7-byte-chunks", prefixed(7, clientAll));
        write(connection.resolve("clientFedServerFlight"), "handshake", prefixed(0, serverHandshake));
        write(connection.resolve("clientFedServerFlight"), "handshake-data-close", prefixed(0, serverAll));
        write(connection.resolve("clientFedServerFlight"), "handshake-in-5-byte-chunks", prefixed(5, serverAll));

        Path record = root.resolve("RecordLayerFuzzTestInputs");
        write(record.resolve("plaintextRecords"), "client-flight", clientAll);
        write(record.resolve("plaintextRecords"), "server-flight", serverAll);
        write(record.resolve("protectedInnerPlaintext"), "data-handshake-alert",
                new byte[] {0, 3, 'h', 'i', 23, 0, 6, 20, 0, 0, 0, 22, 0, 0, 3, 1, 0, 21});
        write(record.resolve("protectedInnerPlaintext"), "padded", new byte[] {0, 6, 'x', 23, 0, 0, 0, 0});

        writeMessageSeeds(root.resolve("HandshakeMessageFuzzTestInputs"), clientHandshake);
        writeProtectedSeeds(root.resolve("ProtectedFlightFuzzTestInputs"));
        client.close();
        server.close();
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

    /** Records for {@link ProtectedFlightFuzzTest}: selector 1 = handshake, 2 = data, 0 = alert. */
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
