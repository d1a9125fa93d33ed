package s2n.tls.internal.resumption;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.crypto.CipherSuite;

/**
 * What a TLS 1.2 session stands for (RFC 5246 §7.4.1.2, RFC 5077 §4): the suite, the (extended,
 * RFC 7627) master secret, when the full handshake happened and how long the session may be
 * resumed, and the ALPN and server name it was made with. Only sessions with the extended master
 * secret exist here: RFC 7627 §5.3 forbids resuming across the two kinds, and we never make the other.
 *
 * <p>Server form (sealed into a ticket or a cache entry): {@code 0x02 | 0x0303 | suite(2) |
 * issued_ms(8) | lifetime_s(4) | master<48> | alpn<0..255> | server_name<0..255>}. Client form:
 * {@code 0x12}, the same fields, then {@code session_id<0..32> | ticket<0..2^16-1>} (one of them
 * not empty). The master secret is secret: {@link #wipe} zeroes it, {@code toString} never shows it.
 */
public final class Tls12Session {
    private static final int SERVER_FORMAT = 0x02;
    /** The first byte of a client's TLS 1.2 session, as {@code Connection.session()} gives it out. */
    public static final int CLIENT_FORMAT = 0x12;
    private static final int TLS12 = 0x0303;
    private static final int MASTER_LENGTH = 48;

    private final CipherSuite suite;
    private final byte[] master;
    private final long issuedMillis;
    private final long lifetimeSeconds;
    private final String applicationProtocol;
    private final String serverName;
    private final byte[] sessionId;
    private final byte[] ticket;

    public Tls12Session(CipherSuite suite, byte[] master, long issuedMillis, long lifetimeSeconds,
            String applicationProtocol, String serverName, byte[] sessionId, byte[] ticket) {
        this.suite = suite;
        this.master = master;
        this.issuedMillis = issuedMillis;
        this.lifetimeSeconds = lifetimeSeconds;
        this.applicationProtocol = applicationProtocol;
        this.serverName = serverName;
        this.sessionId = sessionId == null ? new byte[0] : sessionId;
        this.ticket = ticket == null ? new byte[0] : ticket;
    }

    public CipherSuite suite() {
        return suite;
    }

    /** The master secret itself (not a copy). */
    public byte[] master() {
        return master;
    }

    public long issuedMillis() {
        return issuedMillis;
    }

    public long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    public String applicationProtocol() {
        return applicationProtocol;
    }

    public String serverName() {
        return serverName;
    }

    /** Client form: the server's session ID, empty if it gave a ticket instead. */
    public byte[] sessionId() {
        return sessionId;
    }

    /** Client form: the server's ticket, empty for a session-ID session. */
    public byte[] ticket() {
        return ticket;
    }

    /** Whether the session may still be resumed at {@code now}. */
    public boolean isFresh(long nowMillis) {
        long age = nowMillis - issuedMillis;
        return age >= -1000 && age < lifetimeSeconds * 1000;
    }

    public byte[] encodeServerState() {
        Writer w = new Writer(96);
        w.writeUint8(SERVER_FORMAT);
        writeFields(w);
        return w.toByteArray();
    }

    public byte[] encodeClientSession() {
        Writer w = new Writer(128 + ticket.length);
        w.writeUint8(CLIENT_FORMAT);
        writeFields(w);
        w.writeVector8(sessionId).writeVector16(ticket);
        return w.toByteArray();
    }

    private void writeFields(Writer w) {
        w.writeUint16(TLS12).writeUint16(suite.code()).writeUint64(issuedMillis).writeUint32(lifetimeSeconds)
                .writeVector8(master).writeVector8(bytes(applicationProtocol)).writeVector8(bytes(serverName));
    }

    /** The state sealed in a ticket or cache entry; null if it is not a TLS 1.2 state we know. */
    public static Tls12Session decodeServerState(byte[] state) {
        try {
            Reader r = new Reader(state);
            if (r.readUint8() != SERVER_FORMAT) {
                return null;
            }
            Tls12Session s = readFields(r, false);
            r.expectEnd("session state");
            return s;
        } catch (DecodeException e) {
            return null;
        }
    }

    /**
     * The bytes {@code Connection.session()} gave out for a TLS 1.2 session.
     *
     * @throws IllegalArgumentException if they are not such bytes
     */
    public static Tls12Session decodeClientSession(byte[] session) {
        try {
            Reader r = new Reader(session);
            if (r.readUint8() != CLIENT_FORMAT) {
                throw new IllegalArgumentException("not a session from Connection.session()");
            }
            Tls12Session s = readFields(r, true);
            r.expectEnd("session");
            if (s.sessionId.length == 0 && s.ticket.length == 0) {
                throw new IllegalArgumentException("a TLS 1.2 session needs a session ID or a ticket");
            }
            return s;
        } catch (DecodeException e) {
            throw new IllegalArgumentException("not a session from Connection.session(): " + e.getMessage(), e);
        }
    }

    private static Tls12Session readFields(Reader r, boolean client) {
        if (r.readUint16() != TLS12) {
            throw new DecodeException("not a TLS 1.2 session");
        }
        CipherSuite suite = CipherSuite.of(r.readUint16());
        if (suite.isTls13() || !suite.isImplemented() || suite.isSignalling()) {
            throw new DecodeException("not a TLS 1.2 cipher suite");
        }
        long issued = r.readUint64();
        long lifetime = r.readUint32();
        byte[] master = r.readVector8(MASTER_LENGTH, MASTER_LENGTH);
        String alpn = string(r.readVector8(0, 255));
        String name = string(r.readVector8(0, 255));
        byte[] id = client ? r.readVector8(0, 32) : null;
        byte[] ticket = client ? r.readVector16(0, 0xffff) : null;
        return new Tls12Session(suite, master, issued, lifetime, alpn, name, id, ticket);
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b.length == 0 ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Zeroes the master secret. */
    public void wipe() {
        Arrays.fill(master, (byte) 0);
    }

    @Override
    public String toString() {
        return "Tls12Session[" + suite + ", lifetime " + lifetimeSeconds + " s, "
                + (ticket.length > 0 ? "ticket" : "session ID") + "]";
    }
}
