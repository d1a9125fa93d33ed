package s2n.tls.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.ServerHello;

/**
 * A test seam that plays an active attacker (or a clumsy middlebox) on a {@link MemoryPipe}: it
 * takes the plaintext records waiting in the pipe, decodes the hello they start with, rewrites it,
 * and puts the re-encoded records back with every length fixed up. Whatever followed the
 * plaintext handshake records (a change_cipher_spec, protected records) goes back unchanged.
 *
 * <pre>{@code
 * pair.client.negotiate();   // the ClientHello is now in pair.clientToServer
 * Middlebox.rewriteClientHello(pair.clientToServer, ch -> Middlebox.without(ch, ExtensionType.SUPPORTED_VERSIONS));
 * }</pre>
 */
public final class Middlebox {
    private static final int HANDSHAKE = 22;
    private static final int MAX_FRAGMENT = 1 << 14;

    private Middlebox() {}

    /** Rewrites the ClientHello at the head of {@code pipe}. */
    public static void rewriteClientHello(MemoryPipe pipe, UnaryOperator<ClientHello> change) {
        rewriteFirstMessage(pipe, HandshakeCodes.CLIENT_HELLO,
                raw -> change.apply(ClientHello.decode(body(raw))).encode());
    }

    /** Rewrites the ServerHello at the head of {@code pipe}; the rest of the server's flight is kept. */
    public static void rewriteServerHello(MemoryPipe pipe, UnaryOperator<ServerHello> change) {
        rewriteFirstMessage(pipe, HandshakeCodes.SERVER_HELLO,
                raw -> change.apply(ServerHello.decode(body(raw))).encode());
    }

    /**
     * Splits the plaintext handshake records at the head of {@code pipe} so that the first
     * message travels alone, then puts {@code between} (whole records) after it.
     */
    public static void insertAfterFirstMessage(MemoryPipe pipe, byte[] between) {
        Flight f = Flight.take(pipe);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeRecords(out, f.version, f.messages.get(0));
        out.writeBytes(between);
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        for (int i = 1; i < f.messages.size(); i++) {
            rest.writeBytes(f.messages.get(i));
        }
        writeRecords(out, f.version, rest.toByteArray());
        out.writeBytes(f.tail);
        pipe.inject(out.toByteArray());
    }

    /** {@code hello} without extension {@code type}. */
    public static ClientHello without(ClientHello hello, int type) {
        return new ClientHello(hello.legacyVersion(), hello.random(), hello.legacySessionId(), hello.cipherSuites(),
                hello.compressionMethods(), filter(hello.extensions(), type, null), true);
    }

    /** {@code hello} with extension {@code type} set to {@code data} (replacing or appending it). */
    public static ClientHello with(ClientHello hello, int type, byte[] data) {
        return new ClientHello(hello.legacyVersion(), hello.random(), hello.legacySessionId(), hello.cipherSuites(),
                hello.compressionMethods(), filter(hello.extensions(), type, data), true);
    }

    /** {@code hello} offering {@code suite} as well, last. */
    public static ClientHello withSuite(ClientHello hello, int suite) {
        int[] suites = java.util.Arrays.copyOf(hello.cipherSuites(), hello.cipherSuites().length + 1);
        suites[suites.length - 1] = suite;
        return new ClientHello(hello.legacyVersion(), hello.random(), hello.legacySessionId(), suites,
                hello.compressionMethods(), hello.extensions(), true);
    }

    /** {@code hello} without extension {@code type}. */
    public static ServerHello without(ServerHello hello, int type) {
        return new ServerHello(hello.legacyVersion(), hello.random(), hello.legacySessionIdEcho(), hello.cipherSuite(),
                hello.compressionMethod(), filter(hello.extensions(), type, null), true);
    }

    /** {@code hello} with extension {@code type} set to {@code data} (replacing or appending it). */
    public static ServerHello with(ServerHello hello, int type, byte[] data) {
        return new ServerHello(hello.legacyVersion(), hello.random(), hello.legacySessionIdEcho(), hello.cipherSuite(),
                hello.compressionMethod(), filter(hello.extensions(), type, data), true);
    }

    /** {@code hello} selecting {@code suite} instead. */
    public static ServerHello withSuite(ServerHello hello, int suite) {
        return new ServerHello(hello.legacyVersion(), hello.random(), hello.legacySessionIdEcho(), suite,
                hello.compressionMethod(), hello.extensions(), true);
    }

    private static Extensions filter(Extensions in, int type, byte[] replacement) {
        Extensions.Builder b = Extensions.builder();
        for (Extensions.Extension e : in.list()) {
            if (e.type() != type) {
                b.add(e.type(), e.data());
            }
        }
        if (replacement != null) {
            b.add(type, replacement);
        }
        return b.build();
    }

    private static Reader body(byte[] raw) {
        return new Reader(raw, 4, raw.length - 4);
    }

    private static void rewriteFirstMessage(MemoryPipe pipe, int expectedType, UnaryOperator<byte[]> change) {
        Flight f = Flight.take(pipe);
        byte[] first = f.messages.get(0);
        if ((first[0] & 0xff) != expectedType) {
            throw new AssertionError("expected " + HandshakeCodes.name(expectedType) + " at the head of the pipe, found "
                    + HandshakeCodes.name(first[0] & 0xff));
        }
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.writeBytes(change.apply(first));
        for (int i = 1; i < f.messages.size(); i++) {
            handshake.writeBytes(f.messages.get(i));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeRecords(out, f.version, handshake.toByteArray());
        out.writeBytes(f.tail);
        pipe.inject(out.toByteArray());
    }

    private static void writeRecords(ByteArrayOutputStream out, int version, byte[] handshake) {
        for (int at = 0; at < handshake.length; at += MAX_FRAGMENT) {
            int n = Math.min(MAX_FRAGMENT, handshake.length - at);
            out.write(HANDSHAKE);
            out.write(version >>> 8);
            out.write(version);
            out.write(n >>> 8);
            out.write(n);
            out.write(handshake, at, n);
        }
    }

    /** The plaintext handshake records at the head of a pipe, split into messages, and what follows them. */
    private static final class Flight {
        final int version;
        final List<byte[]> messages = new ArrayList<>();
        final byte[] tail;

        private Flight(int version, byte[] handshake, byte[] tail) {
            this.version = version;
            this.tail = tail;
            for (int at = 0; at < handshake.length; ) {
                int length = ((handshake[at + 1] & 0xff) << 16) | ((handshake[at + 2] & 0xff) << 8) | (handshake[at + 3] & 0xff);
                messages.add(java.util.Arrays.copyOfRange(handshake, at, at + 4 + length));
                at += 4 + length;
            }
        }

        static Flight take(MemoryPipe pipe) {
            byte[] wire = pipe.drain();
            ByteArrayOutputStream handshake = new ByteArrayOutputStream();
            int at = 0;
            int version = -1;
            while (at + 5 <= wire.length && (wire[at] & 0xff) == HANDSHAKE) {
                int length = ((wire[at + 3] & 0xff) << 8) | (wire[at + 4] & 0xff);
                if (version < 0) {
                    version = ((wire[at + 1] & 0xff) << 8) | (wire[at + 2] & 0xff);
                }
                handshake.write(wire, at + 5, length);
                at += 5 + length;
            }
            if (version < 0) {
                throw new AssertionError("no plaintext handshake record at the head of the pipe");
            }
            return new Flight(version, handshake.toByteArray(), java.util.Arrays.copyOfRange(wire, at, wire.length));
        }
    }
}
