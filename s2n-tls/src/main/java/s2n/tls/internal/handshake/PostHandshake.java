package s2n.tls.internal.handshake;

import java.nio.ByteBuffer;
import s2n.tls.Mode;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.KeyUpdate;
import s2n.tls.internal.handshake.message.NewSessionTicket;
import s2n.tls.internal.record.RecordReader;
import s2n.tls.internal.record.Tls13Protection;

/**
 * Handshake messages after the handshake (RFC 8446 §4.6): NewSessionTicket (accepted and dropped,
 * since resumption is not implemented) and KeyUpdate. Anything else is an unexpected_message.
 */
public final class PostHandshake {
    /**
     * KeyUpdates the peer may send in a row with no application data between them. Each costs
     * us a key derivation; a peer looping on them is attacking, not updating keys.
     */
    static final int MAX_KEY_UPDATES_WITHOUT_DATA = 32;

    private final HandshakeReassembler reassembler;
    private int keyUpdatesInARow;

    /** Post-handshake processing that refuses messages longer than {@code maxMessageLength}. */
    public PostHandshake(int maxMessageLength) {
        this.reassembler = new HandshakeReassembler(maxMessageLength);
    }

    /**
     * Takes a handshake record's fragment received after the handshake and processes every
     * message it completes.
     *
     * @return true if the peer asked us to update our sending keys too
     */
    public boolean receive(ByteBuffer fragment, Mode mode, RecordReader reader) throws TlsException {
        reassembler.append(fragment);
        boolean respond = false;
        byte[] raw;
        while ((raw = reassembler.next()) != null) {
            int type = raw[0] & 0xff;
            Reader body = new Reader(raw, 4, raw.length - 4);
            if (type == HandshakeCodes.NEW_SESSION_TICKET && mode == Mode.CLIENT) {
                NewSessionTicket.decode(body);
            } else if (type == HandshakeCodes.KEY_UPDATE) {
                respond |= keyUpdate(KeyUpdate.decode(body), reader);
            } else {
                throw ErrorCode.UNEXPECTED_MESSAGE.exception(HandshakeCodes.name(type) + " after the handshake");
            }
        }
        return respond;
    }

    private boolean keyUpdate(KeyUpdate update, RecordReader reader) throws TlsException {
        int request = update.requestUpdate();
        if (request != KeyUpdate.UPDATE_NOT_REQUESTED && request != KeyUpdate.UPDATE_REQUESTED) {
            // RFC 8446 §4.6.3
            throw ErrorCode.ILLEGAL_PARAMETER.exception("KeyUpdate with request_update " + request);
        }
        if (!reassembler.isEmpty()) {
            // RFC 8446 §5.1: the next message is under the new keys, so it cannot share this record.
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("handshake data after KeyUpdate in the same record");
        }
        if (++keyUpdatesInARow > MAX_KEY_UPDATES_WITHOUT_DATA) {
            throw ErrorCode.LIMIT_EXCEEDED.exception("more than " + MAX_KEY_UPDATES_WITHOUT_DATA
                    + " KeyUpdates without application data");
        }
        if (!(reader.protection() instanceof Tls13Protection)) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("KeyUpdate outside TLS 1.3");
        }
        reader.setProtection(((Tls13Protection) reader.protection()).nextGeneration());
        return request == KeyUpdate.UPDATE_REQUESTED;
    }

    /** Application data arrived: the peer is not just cycling keys. */
    public void applicationDataReceived() {
        keyUpdatesInARow = 0;
    }

    /** Whether no partial message is buffered. */
    public boolean isEmpty() {
        return reassembler.isEmpty();
    }

    public void wipe() {
        reassembler.wipe();
        keyUpdatesInARow = 0;
    }
}
