package s2n.tls.bench;

import java.nio.ByteBuffer;

/**
 * Reads the key exchange group out of a plaintext ServerHello in a buffer of records (RFC 8446
 * §4.1.3, §4.2.8), for checking that an SSLEngine negotiated the group the scenario pins: neither
 * the JDK nor BCJSSE reports it. Only the benchmarks' smoke test uses it.
 */
final class ServerHelloProbe {
    private static final int HANDSHAKE = 22;
    private static final int SERVER_HELLO = 2;
    private static final int KEY_SHARE = 51;

    private ServerHelloProbe() {}

    /**
     * @param buffer records in write mode (position = end of the bytes written)
     * @param clientFlight true when the buffer holds the client's flight (no ServerHello: returns -1)
     * @return the group code, or -1 if the first record is not a ServerHello with a key_share
     */
    static int group(ByteBuffer buffer, boolean clientFlight) {
        if (clientFlight || buffer.position() < 5 + 4 + 2 + 32 + 1) {
            return -1;
        }
        ByteBuffer b = buffer.duplicate();
        b.flip();
        if ((b.get() & 0xff) != HANDSHAKE) {
            return -1;
        }
        b.position(5);
        if ((b.get() & 0xff) != SERVER_HELLO) {
            return -1;
        }
        b.position(b.position() + 3 + 2 + 32); // length, legacy_version, random
        int sessionIdLength = b.get() & 0xff;
        b.position(b.position() + sessionIdLength + 2 + 1); // legacy_session_id_echo, cipher_suite, compression
        int extensionsLength = b.getShort() & 0xffff;
        int end = b.position() + extensionsLength;
        while (b.position() + 4 <= end) {
            int type = b.getShort() & 0xffff;
            int length = b.getShort() & 0xffff;
            if (type == KEY_SHARE) {
                return b.getShort() & 0xffff;
            }
            b.position(b.position() + length);
        }
        return -1;
    }
}
