package s2n.tls.internal.handshake.message;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * Finished (RFC 8446 §4.4.4; RFC 5246 §7.4.9): the MAC over the transcript that proves both sides
 * saw the same handshake.
 *
 * <pre>
 * struct { opaque verify_data[Hash.length]; } Finished;      // 12 bytes in TLS 1.2
 * </pre>
 *
 * <p>The body has no length prefix, so decoding takes all of it; the caller checks the length
 * for the version and suite (a wrong length is a {@code decode_error}) and compares with
 * {@code MessageDigest.isEqual}. verify_data is not secret once sent, so {@code toString} shows
 * it; the array is not copied defensively (internal code).
 *
 * @param verifyData the MAC bytes
 */
public record Finished(byte[] verifyData) implements HandshakeMessage {
    /** Rejects null. */
    public Finished {
        Objects.requireNonNull(verifyData, "verifyData");
    }

    /** Decodes a Finished body: all of it is verify_data. */
    public static Finished decode(Reader body) {
        byte[] verifyData = body.readRest();
        body.expectEnd("Finished");
        return new Finished(verifyData);
    }

    @Override
    public int messageType() {
        return HandshakeCodes.FINISHED;
    }

    @Override
    public void encodeBody(Writer w) {
        w.writeBytes(verifyData);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Finished other && Arrays.equals(verifyData, other.verifyData);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(verifyData);
    }

    @Override
    public String toString() {
        return "Finished[verifyData=" + HexFormat.of().formatHex(verifyData) + "]";
    }
}
