package s2n.tls.internal.handshake;

import s2n.tls.TlsException;
import s2n.tls.internal.crypto.Transcript;
import s2n.tls.internal.handshake.message.HandshakeMessage;
import s2n.tls.internal.record.RecordProtection;

/**
 * What a {@link HandshakeFlow} may do: send messages, change keys, read the settings, record
 * results. Narrow on purpose (STYLE: handlers get explicit state, not the whole connection).
 */
interface HandshakeContext {

    Settings settings();

    Negotiated negotiated();

    Transcript transcript();

    /** Encodes {@code message}, adds it to the transcript and queues it in the current flight. */
    void send(HandshakeMessage message) throws TlsException;

    /** Like {@link #send(HandshakeMessage)} for a message already encoded (a ClientHello with its PSK binders). */
    void sendEncoded(byte[] encoded) throws TlsException;

    /** Queues a change_cipher_spec record (never protected). */
    void sendChangeCipherSpec() throws TlsException;

    /** Protects what is written from now on with {@code protection}; queued messages keep the old one. */
    void setWriteProtection(RecordProtection protection) throws TlsException;

    /**
     * Opens what is read from now on with {@code protection}. RFC 8446 §5.1: handshake messages
     * must not span a key change, so a partial message still buffered is an unexpected_message.
     */
    void setReadProtection(RecordProtection protection) throws TlsException;

    /**
     * The version turned out to be TLS 1.2: from now on the TLS 1.2 tables apply, change_cipher_spec
     * records are mandatory where those tables put them, and {@code next} handles every message.
     */
    void switchToTls12(HandshakeFlow next);

    /** Adds flags to the handshake type, which selects the rest of the message sequence. */
    void addHandshakeType(int flags);

    /**
     * Removes flags from the handshake type: only a client that learned of a CertificateRequest
     * and has a certificate to send clears NO_CLIENT_CERT, before its flight is written.
     */
    void clearHandshakeType(int flags);

    int handshakeType();

    /**
     * Server: application_data records read from now until {@link #endEarlyData} are the client's
     * early data, at most {@code limit} bytes (more is an unexpected_message, RFC 8446 §4.2.10).
     */
    void acceptEarlyData(long limit);

    /** Server: EndOfEarlyData came; client: it was sent. No more early data either way. */
    void endEarlyData();

    /** Server: skip up to {@code budget} bytes of early data it rejected (RFC 8446 §4.2.10). */
    void skipRejectedEarlyData(long budget);

    /** Client: early data may be written from now, up to {@code limit} bytes, until {@link #endEarlyData}. */
    void allowEarlyDataWrites(long limit);
}
