package s2n.tls.internal.record;

/** Record content types, RFC 8446 §5.1. */
public final class ContentType {
    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;

    private ContentType() {}

    public static boolean isKnown(int type) {
        return type >= CHANGE_CIPHER_SPEC && type <= APPLICATION_DATA;
    }

    public static String name(int type) {
        switch (type) {
            case CHANGE_CIPHER_SPEC: return "change_cipher_spec";
            case ALERT: return "alert";
            case HANDSHAKE: return "handshake";
            case APPLICATION_DATA: return "application_data";
            default: return "content_type(" + type + ")";
        }
    }
}
