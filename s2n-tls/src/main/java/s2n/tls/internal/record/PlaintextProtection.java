package s2n.tls.internal.record;

import java.nio.ByteBuffer;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/** The "null" protection of records sent before any keys exist (ClientHello, ServerHello, alerts about them). */
public final class PlaintextProtection extends RecordProtection {
    /** Records before keys carry legacy_record_version 0x0303, except the first ClientHello (§5.1). */
    private final int recordVersion;

    public static final PlaintextProtection TLS12 = new PlaintextProtection(0x0303);
    /** For the very first ClientHello: RFC 8446 §5.1 says 0x0301 "for maximal compatibility". */
    public static final PlaintextProtection INITIAL = new PlaintextProtection(0x0301);

    private PlaintextProtection(int recordVersion) {
        this.recordVersion = recordVersion;
    }

    @Override
    public boolean isPlaintext() {
        return true;
    }

    @Override
    public int overhead() {
        return 0;
    }

    @Override
    public int maxBodyLength() {
        return RecordLimits.MAX_PLAINTEXT;
    }

    @Override
    public void seal(int contentType, ByteBuffer fragment, ByteBuffer out) {
        putHeader(out, contentType, recordVersion, fragment.remaining());
        out.put(fragment);
    }

    @Override
    public void checkHeader(int contentType, int bodyLength) throws TlsException {
        if (contentType == ContentType.APPLICATION_DATA) {
            // No keys yet, so no application data: the handshake has not produced any.
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("application data before the handshake completed");
        }
        if (contentType == ContentType.ALERT && bodyLength != 2) {
            // RFC 8446 §5.1, RFC 5246 §7.2: an alert is two bytes, never fragmented or coalesced.
            throw ErrorCode.DECODE.exception("alert record of " + bodyLength + " bytes (an alert is 2 bytes)");
        }
    }

    @Override
    public int open(ByteBuffer record) throws TlsException {
        int type = record.get(record.position()) & 0xff;
        record.position(record.position() + RecordLimits.HEADER_LENGTH);
        return type;
    }

    @Override
    public void close() {
        // nothing secret
    }
}
