package s2n.tls.internal.handshake.message;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.handshake.extension.CodePointVectors;
import s2n.tls.internal.handshake.extension.Extensions;

/**
 * ClientHello (RFC 8446 §4.1.2; RFC 5246 §7.4.1.2), one form for every version:
 *
 * <pre>
 * struct {
 *     ProtocolVersion legacy_version;            // 0x0303 for TLS 1.3
 *     Random random;                             // 32 bytes
 *     opaque legacy_session_id&lt;0..32&gt;;
 *     CipherSuite cipher_suites&lt;2..2^16-2&gt;;
 *     opaque legacy_compression_methods&lt;1..2^8-1&gt;;
 *     Extension extensions&lt;8..2^16-1&gt;;          // may be absent before TLS 1.3
 * } ClientHello;
 * </pre>
 *
 * <p>A TLS 1.2-era hello may end after the compression methods (RFC 5246 §7.4.1.2). Then
 * {@link #extensions()} is empty and {@link #hasExtensionsBlock()} is false, so re-encoding
 * reproduces the same bytes. Values are kept as sent: the version, suites and compression methods
 * are judged by negotiation. Arrays are not copied defensively (internal code).
 *
 * @param legacyVersion the two-byte legacy_version
 * @param random 32 bytes
 * @param legacySessionId 0..32 bytes
 * @param cipherSuites suite code points in the client's order, at least one
 * @param compressionMethods 1..255 method codes (TLS 1.3 allows only {@code {0}})
 * @param extensions the extensions block, in wire order
 * @param hasExtensionsBlock whether the block is on the wire; false only for an extensionless TLS 1.2 hello
 */
public record ClientHello(int legacyVersion, byte[] random, byte[] legacySessionId, int[] cipherSuites,
        byte[] compressionMethods, Extensions extensions, boolean hasExtensionsBlock) implements HandshakeMessage {

    /** Every hello random is 32 bytes (RFC 8446 §4.1.2). */
    public static final int RANDOM_LENGTH = 32;
    /** RFC 8446 §4.1.2: {@code legacy_session_id<0..32>}. */
    public static final int MAX_SESSION_ID = 32;

    /** Validates lengths, so that what we build always encodes to bytes our own decoder accepts. */
    public ClientHello {
        MessageFields.uint16(legacyVersion, "legacy_version");
        MessageFields.length(random, RANDOM_LENGTH, RANDOM_LENGTH, "random");
        MessageFields.length(legacySessionId, 0, MAX_SESSION_ID, "legacy_session_id");
        Objects.requireNonNull(cipherSuites, "cipherSuites");
        if (cipherSuites.length < 1 || cipherSuites.length > 0x7fff) {
            throw new IllegalArgumentException("cipher_suites needs 1..32767 suites: " + cipherSuites.length);
        }
        MessageFields.uint16s(cipherSuites, "cipher suite");
        MessageFields.length(compressionMethods, 1, 0xff, "legacy_compression_methods");
        Objects.requireNonNull(extensions, "extensions");
        if (!hasExtensionsBlock && !extensions.isEmpty()) {
            throw new IllegalArgumentException("extensions given but hasExtensionsBlock is false");
        }
    }

    /** A ClientHello whose extensions block is on the wire (every hello this library sends). */
    public ClientHello(int legacyVersion, byte[] random, byte[] legacySessionId, int[] cipherSuites,
            byte[] compressionMethods, Extensions extensions) {
        this(legacyVersion, random, legacySessionId, cipherSuites, compressionMethods, extensions, true);
    }

    /** Decodes a ClientHello body (the message without its four-byte header). */
    public static ClientHello decode(Reader body) {
        int legacyVersion = body.readUint16();
        byte[] random = body.readBytes(RANDOM_LENGTH);
        byte[] sessionId = body.readVector8(0, MAX_SESSION_ID);
        int[] cipherSuites = CodePointVectors.readUint16Vector16(body, 2, 0xfffe, "cipher_suites");
        byte[] compressionMethods = body.readVector8(1, 0xff);
        // RFC 5246 §7.4.1.2: "the presence of extensions can be detected by determining whether
        // there are bytes following the compression_methods at the end of the ClientHello."
        boolean hasExtensionsBlock = body.hasRemaining();
        Extensions extensions = hasExtensionsBlock ? Extensions.decode(body) : Extensions.empty();
        body.expectEnd("ClientHello");
        return new ClientHello(legacyVersion, random, sessionId, cipherSuites, compressionMethods, extensions, hasExtensionsBlock);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.CLIENT_HELLO;
    }

    @Override
    public void encodeBody(Writer w) {
        w.writeUint16(legacyVersion);
        w.writeBytes(random);
        w.writeVector8(legacySessionId);
        CodePointVectors.writeUint16Vector16(w, cipherSuites, 1, "cipher_suites");
        w.writeVector8(compressionMethods);
        if (hasExtensionsBlock) {
            extensions.encode(w);
        }
    }

    /** Whether the client offered this cipher suite. */
    public boolean offersCipherSuite(int suite) {
        for (int s : cipherSuites) {
            if (s == suite) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientHello other
                && legacyVersion == other.legacyVersion
                && Arrays.equals(random, other.random)
                && Arrays.equals(legacySessionId, other.legacySessionId)
                && Arrays.equals(cipherSuites, other.cipherSuites)
                && Arrays.equals(compressionMethods, other.compressionMethods)
                && extensions.equals(other.extensions)
                && hasExtensionsBlock == other.hasExtensionsBlock;
    }

    @Override
    public int hashCode() {
        int h = legacyVersion;
        h = 31 * h + Arrays.hashCode(random);
        h = 31 * h + Arrays.hashCode(legacySessionId);
        h = 31 * h + Arrays.hashCode(cipherSuites);
        h = 31 * h + Arrays.hashCode(compressionMethods);
        h = 31 * h + extensions.hashCode();
        return 31 * h + Boolean.hashCode(hasExtensionsBlock);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "ClientHello[legacyVersion=" + hex.toHexDigits((short) legacyVersion)
                + ", random=" + hex.formatHex(random)
                + ", legacySessionId=" + hex.formatHex(legacySessionId)
                + ", cipherSuites=" + MessageFields.codePoints(cipherSuites)
                + ", compressionMethods=" + hex.formatHex(compressionMethods)
                + ", extensions=" + (hasExtensionsBlock ? extensions : "absent") + "]";
    }
}
