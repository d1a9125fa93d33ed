package s2n.tls.internal.handshake.message;

import java.util.Arrays;
import java.util.HexFormat;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The TLS 1.2 ClientKeyExchange for ECDHE suites (RFC 8422 §5.7): the client's ephemeral public
 * key, on the group the server chose.
 *
 * <pre>
 * struct { opaque point&lt;1..2^8-1&gt;; } ClientECDiffieHellmanPublic;   // explicit encoding
 * </pre>
 *
 * <p>Static RSA key exchange (a vector16 of encrypted premaster secret) is not supported by this
 * library, so there is no form for it. The key is public; the array is not copied defensively
 * (internal code).
 *
 * @param publicKey the encoded point, 1..255 bytes
 */
public record ClientKeyExchange12(byte[] publicKey) implements HandshakeMessage {
    /** Validates the length. */
    public ClientKeyExchange12 {
        MessageFields.length(publicKey, 1, 0xff, "ecdh_Yc");
    }

    /** Decodes an ECDHE ClientKeyExchange body (the message without its four-byte header). */
    public static ClientKeyExchange12 decode(Reader body) {
        byte[] publicKey = body.readVector8(1, 0xff);
        body.expectEnd("ClientKeyExchange");
        return new ClientKeyExchange12(publicKey);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.CLIENT_KEY_EXCHANGE;
    }

    @Override
    public void encodeBody(Writer w) {
        w.writeVector8(publicKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientKeyExchange12 other && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "ClientKeyExchange12[publicKey=" + HexFormat.of().formatHex(publicKey) + "]";
    }
}
