package s2n.tls.internal.handshake;

import s2n.tls.Mode;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.record.ContentType;

/**
 * Every message any handshake may contain (s2n's {@code message_type_t}): the record type it
 * travels in, its handshake type on the wire, and who writes it. The legal orders of these
 * messages are in {@link HandshakeTables}.
 */
public enum Message {
    CLIENT_HELLO(ContentType.HANDSHAKE, HandshakeCodes.CLIENT_HELLO, Writer.CLIENT),
    SERVER_HELLO(ContentType.HANDSHAKE, HandshakeCodes.SERVER_HELLO, Writer.SERVER),
    HELLO_RETRY_MSG(ContentType.HANDSHAKE, HandshakeCodes.SERVER_HELLO, Writer.SERVER),
    SERVER_CHANGE_CIPHER_SPEC(ContentType.CHANGE_CIPHER_SPEC, -1, Writer.SERVER),
    ENCRYPTED_EXTENSIONS(ContentType.HANDSHAKE, HandshakeCodes.ENCRYPTED_EXTENSIONS, Writer.SERVER),
    SERVER_CERT(ContentType.HANDSHAKE, HandshakeCodes.CERTIFICATE, Writer.SERVER),
    SERVER_CERT_STATUS(ContentType.HANDSHAKE, HandshakeCodes.CERTIFICATE_STATUS, Writer.SERVER),
    SERVER_CERT_VERIFY(ContentType.HANDSHAKE, HandshakeCodes.CERTIFICATE_VERIFY, Writer.SERVER),
    SERVER_KEY(ContentType.HANDSHAKE, HandshakeCodes.SERVER_KEY_EXCHANGE, Writer.SERVER),
    SERVER_CERT_REQ(ContentType.HANDSHAKE, HandshakeCodes.CERTIFICATE_REQUEST, Writer.SERVER),
    SERVER_HELLO_DONE(ContentType.HANDSHAKE, HandshakeCodes.SERVER_HELLO_DONE, Writer.SERVER),
    /** TLS 1.2 only (RFC 5077 §3.3); TLS 1.3 tickets are post-handshake messages. */
    SERVER_NEW_SESSION_TICKET(ContentType.HANDSHAKE, HandshakeCodes.NEW_SESSION_TICKET, Writer.SERVER),
    SERVER_FINISHED(ContentType.HANDSHAKE, HandshakeCodes.FINISHED, Writer.SERVER),
    END_OF_EARLY_DATA(ContentType.HANDSHAKE, HandshakeCodes.END_OF_EARLY_DATA, Writer.CLIENT),
    CLIENT_CERT(ContentType.HANDSHAKE, HandshakeCodes.CERTIFICATE, Writer.CLIENT),
    CLIENT_KEY(ContentType.HANDSHAKE, HandshakeCodes.CLIENT_KEY_EXCHANGE, Writer.CLIENT),
    CLIENT_CERT_VERIFY(ContentType.HANDSHAKE, HandshakeCodes.CERTIFICATE_VERIFY, Writer.CLIENT),
    CLIENT_CHANGE_CIPHER_SPEC(ContentType.CHANGE_CIPHER_SPEC, -1, Writer.CLIENT),
    CLIENT_FINISHED(ContentType.HANDSHAKE, HandshakeCodes.FINISHED, Writer.CLIENT),
    APPLICATION_DATA(ContentType.APPLICATION_DATA, -1, Writer.BOTH);

    /** Who sends a message: s2n's 'C', 'S' and 'B' (both: the handshake is over). */
    public enum Writer {
        CLIENT,
        SERVER,
        BOTH
    }

    private final int recordType;
    private final int handshakeType;
    private final Writer writer;

    Message(int recordType, int handshakeType, Writer writer) {
        this.recordType = recordType;
        this.handshakeType = handshakeType;
        this.writer = writer;
    }

    public int recordType() {
        return recordType;
    }

    /** The handshake message type on the wire; -1 for messages that are not handshake messages. */
    public int handshakeType() {
        return handshakeType;
    }

    public Writer writer() {
        return writer;
    }

    /** Whether a connection in {@code mode} writes this message. */
    public boolean isWrittenBy(Mode mode) {
        return writer == (mode == Mode.CLIENT ? Writer.CLIENT : Writer.SERVER);
    }

    public boolean isChangeCipherSpec() {
        return recordType == ContentType.CHANGE_CIPHER_SPEC;
    }
}
