package s2n.tls.internal.handshake.message;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.handshake.extension.Extensions;

/**
 * ServerHello (RFC 8446 §4.1.3; RFC 5246 §7.4.1.3), and HelloRetryRequest, which is a ServerHello
 * whose random is a fixed constant:
 *
 * <pre>
 * struct {
 *     ProtocolVersion legacy_version;            // 0x0303 for TLS 1.3
 *     Random random;                             // 32 bytes
 *     opaque legacy_session_id_echo&lt;0..32&gt;;
 *     CipherSuite cipher_suite;
 *     uint8 legacy_compression_method;           // 0
 *     Extension extensions&lt;6..2^16-1&gt;;          // may be absent before TLS 1.3
 * } ServerHello;
 * </pre>
 *
 * <p>As with {@link ClientHello}, a TLS 1.2 server may omit the extensions block; then
 * {@link #hasExtensionsBlock()} is false. Arrays are not copied defensively (internal code).
 *
 * @param legacyVersion the two-byte legacy_version
 * @param random 32 bytes
 * @param legacySessionIdEcho 0..32 bytes
 * @param cipherSuite the selected suite
 * @param compressionMethod the selected compression method
 * @param extensions the extensions block, in wire order
 * @param hasExtensionsBlock whether the block is on the wire
 */
public record ServerHello(int legacyVersion, byte[] random, byte[] legacySessionIdEcho, int cipherSuite,
        int compressionMethod, Extensions extensions, boolean hasExtensionsBlock) implements HandshakeMessage {

    /** RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest (SHA-256 of "HelloRetryRequest"). */
    private static final byte[] HELLO_RETRY_REQUEST_RANDOM = HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    /** RFC 8446 §4.1.3: downgrade sentinel, last 8 random bytes of a TLS 1.3 server negotiating TLS 1.2. */
    private static final byte[] DOWNGRADE_TLS12 = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01};
    /** RFC 8446 §4.1.3: downgrade sentinel, last 8 random bytes of a TLS 1.3 or 1.2 server negotiating TLS 1.1 or below. */
    private static final byte[] DOWNGRADE_TLS11 = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x00};

    /** The legacy_version of every TLS 1.3 ServerHello and HelloRetryRequest (RFC 8446 §4.1.3). */
    private static final int LEGACY_VERSION_TLS12 = 0x0303;

    /** Validates lengths, so that what we build always encodes to bytes our own decoder accepts. */
    public ServerHello {
        MessageFields.uint16(legacyVersion, "legacy_version");
        MessageFields.length(random, ClientHello.RANDOM_LENGTH, ClientHello.RANDOM_LENGTH, "random");
        MessageFields.length(legacySessionIdEcho, 0, ClientHello.MAX_SESSION_ID, "legacy_session_id_echo");
        MessageFields.uint16(cipherSuite, "cipher_suite");
        MessageFields.uint8(compressionMethod, "legacy_compression_method");
        Objects.requireNonNull(extensions, "extensions");
        if (!hasExtensionsBlock && !extensions.isEmpty()) {
            throw new IllegalArgumentException("extensions given but hasExtensionsBlock is false");
        }
    }

    /** A ServerHello whose extensions block is on the wire (every one TLS 1.3 sends). */
    public ServerHello(int legacyVersion, byte[] random, byte[] legacySessionIdEcho, int cipherSuite,
            int compressionMethod, Extensions extensions) {
        this(legacyVersion, random, legacySessionIdEcho, cipherSuite, compressionMethod, extensions, true);
    }

    /**
     * A HelloRetryRequest (RFC 8446 §4.1.4): legacy_version 0x0303, the special random,
     * compression 0, and the client's session id echoed.
     */
    public static ServerHello helloRetryRequest(int cipherSuite, byte[] sessionIdEcho, Extensions ext) {
        return new ServerHello(LEGACY_VERSION_TLS12, helloRetryRequestRandom(), sessionIdEcho, cipherSuite, 0, ext);
    }

    /** A copy of the random that marks a HelloRetryRequest (RFC 8446 §4.1.3). */
    public static byte[] helloRetryRequestRandom() {
        return HELLO_RETRY_REQUEST_RANDOM.clone();
    }

    /** A copy of "DOWNGRD" 01: a TLS 1.3 server negotiating TLS 1.2 ends its random with it (RFC 8446 §4.1.3). */
    public static byte[] DOWNGRADE_TLS12_SENTINEL() {
        return DOWNGRADE_TLS12.clone();
    }

    /** A copy of "DOWNGRD" 00: a server negotiating TLS 1.1 or below ends its random with it (RFC 8446 §4.1.3). */
    public static byte[] DOWNGRADE_TLS11_SENTINEL() {
        return DOWNGRADE_TLS11.clone();
    }

    /** Decodes a ServerHello or HelloRetryRequest body (the message without its four-byte header). */
    public static ServerHello decode(Reader body) {
        int legacyVersion = body.readUint16();
        byte[] random = body.readBytes(ClientHello.RANDOM_LENGTH);
        byte[] sessionIdEcho = body.readVector8(0, ClientHello.MAX_SESSION_ID);
        int cipherSuite = body.readUint16();
        int compressionMethod = body.readUint8();
        // RFC 5246 §7.4.1.3 lets a TLS 1.2 server end the message here when it sends no extensions.
        boolean hasExtensionsBlock = body.hasRemaining();
        Extensions extensions = hasExtensionsBlock ? Extensions.decode(body) : Extensions.empty();
        body.expectEnd("ServerHello");
        return new ServerHello(legacyVersion, random, sessionIdEcho, cipherSuite, compressionMethod, extensions, hasExtensionsBlock);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.SERVER_HELLO;
    }

    @Override
    public void encodeBody(Writer w) {
        w.writeUint16(legacyVersion);
        w.writeBytes(random);
        w.writeVector8(legacySessionIdEcho);
        w.writeUint16(cipherSuite);
        w.writeUint8(compressionMethod);
        if (hasExtensionsBlock) {
            extensions.encode(w);
        }
    }

    /** Whether this is a HelloRetryRequest: its random is the RFC 8446 §4.1.3 constant. */
    public boolean isHelloRetryRequest() {
        return Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM);
    }

    /** Whether the random ends with "DOWNGRD" 01 (the server supports TLS 1.3 but chose TLS 1.2). */
    public boolean hasDowngradeSentinel12() {
        return endsWith(random, DOWNGRADE_TLS12);
    }

    /** Whether the random ends with "DOWNGRD" 00 (the server chose TLS 1.1 or below). */
    public boolean hasDowngradeSentinel11() {
        return endsWith(random, DOWNGRADE_TLS11);
    }

    private static boolean endsWith(byte[] random, byte[] sentinel) {
        int from = random.length - sentinel.length;
        return Arrays.equals(random, from, random.length, sentinel, 0, sentinel.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerHello other
                && legacyVersion == other.legacyVersion
                && Arrays.equals(random, other.random)
                && Arrays.equals(legacySessionIdEcho, other.legacySessionIdEcho)
                && cipherSuite == other.cipherSuite
                && compressionMethod == other.compressionMethod
                && extensions.equals(other.extensions)
                && hasExtensionsBlock == other.hasExtensionsBlock;
    }

    @Override
    public int hashCode() {
        int h = legacyVersion;
        h = 31 * h + Arrays.hashCode(random);
        h = 31 * h + Arrays.hashCode(legacySessionIdEcho);
        h = 31 * h + cipherSuite;
        h = 31 * h + compressionMethod;
        h = 31 * h + extensions.hashCode();
        return 31 * h + Boolean.hashCode(hasExtensionsBlock);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return (isHelloRetryRequest() ? "HelloRetryRequest" : "ServerHello")
                + "[legacyVersion=" + hex.toHexDigits((short) legacyVersion)
                + ", random=" + hex.formatHex(random)
                + ", legacySessionIdEcho=" + hex.formatHex(legacySessionIdEcho)
                + ", cipherSuite=" + hex.toHexDigits((short) cipherSuite)
                + ", compressionMethod=" + compressionMethod
                + ", extensions=" + (hasExtensionsBlock ? extensions : "absent") + "]";
    }
}
