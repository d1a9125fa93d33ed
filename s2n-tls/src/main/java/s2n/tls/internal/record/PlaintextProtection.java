package s2n.tls.internal.record;

import java.nio.ByteBuffer;
import s2n.tls.TlsException;

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
