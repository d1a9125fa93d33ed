package s2n.tls.internal.handshake.message;

/**
 * Handshake message type code points (RFC 8446 §4 {@code HandshakeType}, RFC 5246 §7.4), with
 * their names for logs and error messages.
 *
 * <pre>{@code
 * throw ErrorCode.UNEXPECTED_MESSAGE.exception("expected ServerHello, got " + HandshakeCodes.name(type));
 * }</pre>
 */
public final class HandshakeCodes {
    public static final int HELLO_REQUEST = 0;
    public static final int CLIENT_HELLO = 1;
    public static final int SERVER_HELLO = 2;
    public static final int NEW_SESSION_TICKET = 4;
    public static final int END_OF_EARLY_DATA = 5;
    public static final int ENCRYPTED_EXTENSIONS = 8;
    public static final int CERTIFICATE = 11;
    public static final int SERVER_KEY_EXCHANGE = 12;
    public static final int CERTIFICATE_REQUEST = 13;
    public static final int SERVER_HELLO_DONE = 14;
    public static final int CERTIFICATE_VERIFY = 15;
    public static final int CLIENT_KEY_EXCHANGE = 16;
    public static final int FINISHED = 20;
    public static final int CERTIFICATE_STATUS = 22;
    public static final int KEY_UPDATE = 24;
    /** RFC 8446 §4.4.1: stands in for ClientHello1 in the transcript after a HelloRetryRequest; never sent. */
    public static final int MESSAGE_HASH = 254;

    private HandshakeCodes() {
    }

    /** The message's name as the RFCs spell the struct ({@code ClientHello}), or {@code handshake(N)}. */
    public static String name(int type) {
        switch (type) {
            case HELLO_REQUEST: return "HelloRequest";
            case CLIENT_HELLO: return "ClientHello";
            case SERVER_HELLO: return "ServerHello";
            case NEW_SESSION_TICKET: return "NewSessionTicket";
            case END_OF_EARLY_DATA: return "EndOfEarlyData";
            case ENCRYPTED_EXTENSIONS: return "EncryptedExtensions";
            case CERTIFICATE: return "Certificate";
            case SERVER_KEY_EXCHANGE: return "ServerKeyExchange";
            case CERTIFICATE_REQUEST: return "CertificateRequest";
            case SERVER_HELLO_DONE: return "ServerHelloDone";
            case CERTIFICATE_VERIFY: return "CertificateVerify";
            case CLIENT_KEY_EXCHANGE: return "ClientKeyExchange";
            case FINISHED: return "Finished";
            case CERTIFICATE_STATUS: return "CertificateStatus";
            case KEY_UPDATE: return "KeyUpdate";
            case MESSAGE_HASH: return "MessageHash";
            default: return "handshake(" + type + ")";
        }
    }
}
