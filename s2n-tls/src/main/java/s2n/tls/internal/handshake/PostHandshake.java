package s2n.tls.internal.handshake;

import java.nio.ByteBuffer;
import s2n.tls.Mode;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.handshake.message.HandshakeCodes;
import s2n.tls.internal.handshake.message.HelloRequest;
import s2n.tls.internal.handshake.message.KeyUpdate;
import s2n.tls.internal.handshake.message.NewSessionTicket;
import s2n.tls.internal.record.RecordReader;
import s2n.tls.internal.record.Tls12Protection;
import s2n.tls.internal.record.Tls13Protection;

/**
 * Handshake messages after the handshake. TLS 1.3 (RFC 8446 §4.6): NewSessionTicket (a client's,
 * handed to its {@link TicketHandler}) and KeyUpdate. TLS 1.2: renegotiation, refused as
 * s2n refuses it: a client ignores HelloRequest (RFC 5246 §7.4.1.1 allows it; s2n does so unless
 * an application installs its unstable renegotiation callback), and a server treats a new
 * ClientHello as an unexpected_message (s2n's S2N_ERR_BAD_MESSAGE). Anything else is an
 * unexpected_message in either version.
 */
public final class PostHandshake {
    /**
     * KeyUpdates the peer may send in a row with no application data between them. Each costs
     * us a key derivation; a peer looping on them is attacking, not updating keys.
     */
    static final int MAX_KEY_UPDATES_WITHOUT_DATA = 32;

    /**
     * HelloRequests a client ignores in a row with no application data between them: a server that
     * keeps asking will not get a new handshake, and a flood of them only costs us work.
     */
    static final int MAX_HELLO_REQUESTS_WITHOUT_DATA = 32;

    /** Takes a client's NewSessionTicket. */
    @FunctionalInterface
    public interface TicketHandler {
        void onTicket(NewSessionTicket ticket) throws TlsException;
    }

    private final HandshakeReassembler reassembler;
    private final TicketHandler tickets;
    private final KeyUpdates keyUpdates;
    private int keyUpdatesInARow;
    private int helloRequestsInARow;

    /**
     * Post-handshake processing that refuses messages longer than {@code maxMessageLength}, hands
     * a client's tickets to {@code tickets} (null: a server, which receives none) and tells
     * {@code keyUpdates} of each KeyUpdate it applies (a request to answer among them).
     */
    public PostHandshake(int maxMessageLength, TicketHandler tickets, KeyUpdates keyUpdates) {
        this.reassembler = new HandshakeReassembler(maxMessageLength);
        this.tickets = tickets;
        this.keyUpdates = keyUpdates;
    }

    /**
     * Takes a handshake record's fragment received after the handshake and processes every
     * message it completes.
     */
    public void receive(ByteBuffer fragment, Mode mode, RecordReader reader) throws TlsException {
        reassembler.append(fragment);
        byte[] raw;
        boolean tls12 = reader.protection() instanceof Tls12Protection;
        while ((raw = reassembler.next()) != null) {
            int type = raw[0] & 0xff;
            Reader body = new Reader(raw, 4, raw.length - 4);
            if (tls12) {
                receiveTls12(type, body, mode);
            } else if (type == HandshakeCodes.NEW_SESSION_TICKET && mode == Mode.CLIENT) {
                NewSessionTicket ticket = NewSessionTicket.decode(body);
                if (tickets != null) {
                    tickets.onTicket(ticket);
                }
            } else if (type == HandshakeCodes.KEY_UPDATE) {
                keyUpdate(KeyUpdate.decode(body), reader);
            } else {
                throw ErrorCode.UNEXPECTED_MESSAGE.exception(HandshakeCodes.name(type) + " after the handshake");
            }
        }
        if (reassembler.isEmpty()) {
            reassembler.release();
        }
    }

    /** TLS 1.2: the only handshake messages after the handshake would start a renegotiation. */
    private void receiveTls12(int type, Reader body, Mode mode) throws TlsException {
        if (type == HandshakeCodes.HELLO_REQUEST && mode == Mode.CLIENT) {
            HelloRequest.decode(body);
            if (++helloRequestsInARow > MAX_HELLO_REQUESTS_WITHOUT_DATA) {
                throw ErrorCode.LIMIT_EXCEEDED.exception("more than " + MAX_HELLO_REQUESTS_WITHOUT_DATA
                        + " HelloRequests without application data");
            }
            return;
        }
        if (type == HandshakeCodes.CLIENT_HELLO && mode == Mode.SERVER) {
            throw ErrorCode.UNEXPECTED_MESSAGE.exception("renegotiation refused: the client sent a ClientHello "
                    + "after the handshake, and this server never renegotiates");
        }
        throw ErrorCode.UNEXPECTED_MESSAGE.exception(HandshakeCodes.name(type) + " after the TLS 1.2 handshake");
    }

    private void keyUpdate(KeyUpdate update, RecordReader reader) throws TlsException {
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
        // RFC 8446 §4.6.3: update_requested is answered before our next application data record.
        keyUpdates.received(request == KeyUpdate.UPDATE_REQUESTED);
    }

    /** Application data arrived: the peer is not just cycling keys. */
    public void applicationDataReceived() {
        keyUpdatesInARow = 0;
        helloRequestsInARow = 0;
    }

    /** Whether no partial message is buffered. */
    public boolean isEmpty() {
        return reassembler.isEmpty();
    }

    public void wipe() {
        reassembler.release();
        keyUpdatesInARow = 0;
        helloRequestsInARow = 0;
    }
}
