package s2n.tls.internal.resumption;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.crypto.CipherSuite;

/**
 * What a TLS 1.3 session ticket stands for (RFC 8446 §4.6.1): the resumption PSK, the suite it
 * was derived under, when it was issued, its lifetime and ticket_age_add, and what early data
 * would have to match (ALPN, server name). The server seals it into the ticket (no ticket inside);
 * the client keeps it with the ticket as the opaque bytes of {@code Connection.session()}.
 *
 * <p>Server form: {@code 0x01 | 0x0304 | suite(2) | issued_ms(8) | lifetime_s(4) | age_add(4) |
 * max_early_data(4) | psk<1..255> | alpn<0..255> | server_name<0..255>}. Client form: {@code 0x13},
 * the same fields, then {@code ticket<1..2^16-1>}. The PSK is secret: {@link #wipe} zeroes it, and
 * {@code toString} never shows it.
 */
public final class Tls13Session {
    private static final int SERVER_FORMAT = 0x01;
    private static final int CLIENT_FORMAT = 0x13;
    private static final int TLS13 = 0x0304;

    private final CipherSuite suite;
    private final byte[] psk;
    private final long issuedMillis;
    private final long lifetimeSeconds;
    private final long ageAdd;
    private final long maxEarlyData;
    private final String applicationProtocol;
    private final String serverName;
    private final byte[] ticket;

    public Tls13Session(CipherSuite suite, byte[] psk, long issuedMillis, long lifetimeSeconds, long ageAdd,
            long maxEarlyData, String applicationProtocol, String serverName, byte[] ticket) {
        this.suite = suite;
        this.psk = psk;
        this.issuedMillis = issuedMillis;
        this.lifetimeSeconds = lifetimeSeconds;
        this.ageAdd = ageAdd;
        this.maxEarlyData = maxEarlyData;
        this.applicationProtocol = applicationProtocol;
        this.serverName = serverName;
        this.ticket = ticket;
    }

    public CipherSuite suite() {
        return suite;
    }

    public byte[] psk() {
        return psk;
    }

    /** Server: when the ticket was issued; client: when it was received (epoch milliseconds). */
    public long issuedMillis() {
        return issuedMillis;
    }

    public long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    public long ageAdd() {
        return ageAdd;
    }

    public long maxEarlyData() {
        return maxEarlyData;
    }

    public String applicationProtocol() {
        return applicationProtocol;
    }

    public String serverName() {
        return serverName;
    }

    /** The ticket (client form only); null in the server form. */
    public byte[] ticket() {
        return ticket;
    }

    /** Whether the ticket is still within its lifetime at {@code now} (RFC 8446 §4.6.1). */
    public boolean isFresh(long nowMillis) {
        long age = nowMillis - issuedMillis;
        return age >= -1000 && age < lifetimeSeconds * 1000;
    }

    /** The client's obfuscated_ticket_age at {@code now} (RFC 8446 §4.2.11.1). */
    public long obfuscatedAge(long nowMillis) {
        return (Math.max(0, nowMillis - issuedMillis) + ageAdd) & 0xFFFFFFFFL;
    }

    public byte[] encodeServerState() {
        Writer w = new Writer(64 + psk.length);
        w.writeUint8(SERVER_FORMAT);
        writeFields(w);
        return w.toByteArray();
    }

    public byte[] encodeClientSession() {
        Writer w = new Writer(64 + psk.length + ticket.length);
        w.writeUint8(CLIENT_FORMAT);
        writeFields(w);
        w.writeVector16(ticket);
        return w.toByteArray();
    }

    private void writeFields(Writer w) {
        w.writeUint16(TLS13).writeUint16(suite.code()).writeUint64(issuedMillis).writeUint32(lifetimeSeconds)
                .writeUint32(ageAdd).writeUint32(maxEarlyData).writeVector8(psk)
                .writeVector8(bytes(applicationProtocol)).writeVector8(bytes(serverName));
    }

    /** The state sealed in a ticket; null if it is not a TLS 1.3 state we know. */
    public static Tls13Session decodeServerState(byte[] state) {
        try {
            Reader r = new Reader(state);
            if (r.readUint8() != SERVER_FORMAT) {
                return null;
            }
            Tls13Session s = readFields(r, false);
            r.expectEnd("ticket state");
            return s;
        } catch (DecodeException e) {
            return null;
        }
    }

    /**
     * The bytes {@code Connection.session()} gave out.
     *
     * @throws IllegalArgumentException if they are not such bytes
     */
    public static Tls13Session decodeClientSession(byte[] session) {
        try {
            Reader r = new Reader(session);
            if (r.readUint8() != CLIENT_FORMAT) {
                throw new IllegalArgumentException("not a session from Connection.session()");
            }
            Tls13Session s = readFields(r, true);
            r.expectEnd("session");
            return s;
        } catch (DecodeException e) {
            throw new IllegalArgumentException("not a session from Connection.session(): " + e.getMessage(), e);
        }
    }

    private static Tls13Session readFields(Reader r, boolean withTicket) {
        if (r.readUint16() != TLS13) {
            throw new DecodeException("not a TLS 1.3 session");
        }
        CipherSuite suite = CipherSuite.of(r.readUint16());
        if (!suite.isTls13()) {
            throw new DecodeException("not a TLS 1.3 cipher suite");
        }
        long issued = r.readUint64();
        long lifetime = r.readUint32();
        long ageAdd = r.readUint32();
        long maxEarlyData = r.readUint32();
        byte[] psk = r.readVector8(1, 255);
        String alpn = string(r.readVector8(0, 255));
        String name = string(r.readVector8(0, 255));
        byte[] ticket = withTicket ? r.readVector16(1, 0xffff) : null;
        return new Tls13Session(suite, psk, issued, lifetime, ageAdd, maxEarlyData, alpn, name, ticket);
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b.length == 0 ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Zeroes the PSK. */
    public void wipe() {
        Arrays.fill(psk, (byte) 0);
    }

    @Override
    public String toString() {
        return "Tls13Session[" + suite + ", lifetime " + lifetimeSeconds + " s]";
    }
}
