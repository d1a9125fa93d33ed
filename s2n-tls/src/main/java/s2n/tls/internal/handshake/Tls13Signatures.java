package s2n.tls.internal.handshake;

import java.nio.charset.StandardCharsets;

/** The content a TLS 1.3 CertificateVerify signs (RFC 8446 §4.4.3). */
final class Tls13Signatures {
    private static final byte[] SERVER_CONTEXT = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_CONTEXT = "TLS 1.3, client CertificateVerify".getBytes(StandardCharsets.US_ASCII);
    private static final int PAD = 64;

    private Tls13Signatures() {}

    /** 64 spaces, the context string, a zero byte, then the transcript hash. */
    static byte[] signedContent(boolean server, byte[] transcriptHash) {
        byte[] context = server ? SERVER_CONTEXT : CLIENT_CONTEXT;
        byte[] out = new byte[PAD + context.length + 1 + transcriptHash.length];
        java.util.Arrays.fill(out, 0, PAD, (byte) 0x20);
        System.arraycopy(context, 0, out, PAD, context.length);
        System.arraycopy(transcriptHash, 0, out, PAD + context.length + 1, transcriptHash.length);
        return out;
    }
}
