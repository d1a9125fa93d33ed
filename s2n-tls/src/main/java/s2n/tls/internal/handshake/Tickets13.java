package s2n.tls.internal.handshake;

import java.security.MessageDigest;
import java.util.Arrays;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.crypto.Hash;
import s2n.tls.internal.crypto.KeySchedule13;
import s2n.tls.internal.crypto.SecretBytes;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.extension.PreSharedKeyExtension;
import s2n.tls.internal.handshake.message.NewSessionTicket;
import s2n.tls.internal.resumption.TicketKeys;
import s2n.tls.internal.resumption.Tls13Session;

/**
 * TLS 1.3 session tickets (RFC 8446 §4.6.1) on both sides: a server seals the session behind each
 * ticket it issues; a client turns each ticket it receives into a session it can offer; a server
 * opens what a client offers and checks its binder (§4.2.11).
 */
public final class Tickets13 {
    private static final long SEVEN_DAYS_MILLIS = NewSessionTicket.MAX_LIFETIME_SECONDS * 1000;

    private Tickets13() {}

    /**
     * A server's NewSessionTicket messages after a handshake, encoded back to back: {@code count}
     * tickets, each with its own nonce and so its own PSK. Empty when no key can seal now (s2n
     * then issues none) or the lifetime left is under a second.
     */
    static byte[] issue(Settings settings, Negotiated negotiated, SecretBytes resumptionMasterSecret, long now) {
        Resumption r = settings.resumption();
        TicketKeys keys = r.ticketKeys();
        long lifetimeMillis = Math.min(Math.min(r.sessionStateLifetimeMillis(), keys.remainingDecryptMillis(now)),
                SEVEN_DAYS_MILLIS);
        long lifetime = lifetimeMillis / 1000;
        Writer out = new Writer();
        CipherSuite suite = negotiated.cipherSuite();
        for (int i = 0; i < r.ticketCount() && lifetime > 0; i++) {
            byte[] nonce = {(byte) i};
            byte[] ageAddBytes = new byte[4];
            settings.random().nextBytes(ageAddBytes);
            long ageAdd = new Reader(ageAddBytes).readUint32();
            try (SecretBytes psk = KeySchedule13.resumptionPsk(suite.hash(), resumptionMasterSecret, nonce)) {
                Tls13Session session = new Tls13Session(suite, psk.copyBytes(), now, lifetime, ageAdd, r.maxEarlyData(),
                        negotiated.applicationProtocol(), negotiated.serverName(), null);
                byte[] state = session.encodeServerState();
                session.wipe();
                byte[] ticket = keys.seal(state, now, settings.random());
                Arrays.fill(state, (byte) 0);
                if (ticket == null) {
                    break;
                }
                Extensions ext = r.maxEarlyData() == 0 ? Extensions.empty() : Extensions.builder()
                        .add(ExtensionType.EARLY_DATA, new Writer(4).writeUint32(r.maxEarlyData()).toByteArray()).build();
                out.writeBytes(new NewSessionTicket(lifetime, ageAdd, nonce, ticket, ext).encode());
            }
        }
        return out.toByteArray();
    }

    /**
     * A client's session from a NewSessionTicket: illegal_parameter for a lifetime over seven
     * days (RFC 8446 §4.6.1), an extension a NewSessionTicket may not carry is refused; null when
     * the client keeps no tickets or the lifetime is 0 ("discard immediately").
     */
    public static byte[] receive(NewSessionTicket ticket, Negotiated negotiated, long now) throws TlsException {
        ExtensionChecks.checkAllowed(ticket.extensions(), ExtensionType.NST, "NewSessionTicket");
        if (ticket.lifetime() > NewSessionTicket.MAX_LIFETIME_SECONDS) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception("NewSessionTicket lifetime of " + ticket.lifetime()
                    + " s is over the seven days RFC 8446 allows");
        }
        SecretBytes secret = negotiated.resumptionSecret();
        if (secret == null || ticket.lifetime() == 0) {
            return null;
        }
        long maxEarlyData = 0;
        byte[] early = ticket.extensions().get(ExtensionType.EARLY_DATA);
        if (early != null) {
            Reader r = new Reader(early);
            maxEarlyData = r.readUint32();
            r.expectEnd("early_data");
        }
        CipherSuite suite = negotiated.cipherSuite();
        try (SecretBytes psk = KeySchedule13.resumptionPsk(suite.hash(), secret, ticket.nonce())) {
            Tls13Session session = new Tls13Session(suite, psk.copyBytes(), now, ticket.lifetime(), ticket.ageAdd(),
                    maxEarlyData, negotiated.applicationProtocol(), negotiated.serverName(), ticket.ticket());
            byte[] encoded = session.encodeClientSession();
            session.wipe();
            return encoded;
        }
    }

    /**
     * The PSK binder over {@code transcriptHash} (RFC 8446 §4.2.11.2): Finished-style HMAC keyed
     * with the resumption binder key of {@code psk}.
     */
    static byte[] binder(Hash hash, byte[] psk, byte[] transcriptHash) {
        try (KeySchedule13.EarlySecret early = KeySchedule13.early(hash, psk);
                SecretBytes binderKey = early.binderKey(true)) {
            return KeySchedule13.finishedVerifyData(hash, binderKey, transcriptHash);
        }
    }

    /** The server's choice among a client's offered PSKs. */
    record Accepted(Tls13Session session, int index, byte[] identity, long obfuscatedAge) {}

    /**
     * The first offered ticket that opens under our keys, names a suite with {@code suite}'s hash
     * and is within its lifetime: its binder must then verify (decrypt_error otherwise). Null when
     * none can be used: a full handshake follows.
     *
     * @param binderHash the transcript hash the binders cover (the ClientHello truncated before them)
     */
    static Accepted accept(PreSharedKeyExtension.Offer offer, TicketKeys keys, CipherSuite suite, long now,
            byte[] binderHash) throws TlsException {
        for (int i = 0; i < offer.identities().size(); i++) {
            byte[] state = keys.open(offer.identities().get(i).identity(), now);
            if (state == null) {
                continue;
            }
            Tls13Session s = Tls13Session.decodeServerState(state);
            Arrays.fill(state, (byte) 0);
            if (s == null) {
                continue;
            }
            // RFC 8446 §4.2.11.1: the age the client reports, unobfuscated, is within the lifetime too.
            long reportedAgeMillis = (offer.identities().get(i).obfuscatedTicketAge() - s.ageAdd()) & 0xFFFFFFFFL;
            if (s.suite().hash() != suite.hash() || !s.isFresh(now) || reportedAgeMillis >= s.lifetimeSeconds() * 1000) {
                s.wipe();
                continue;
            }
            byte[] expected = binder(suite.hash(), s.psk(), binderHash);
            if (!MessageDigest.isEqual(expected, offer.binders().get(i))) {
                s.wipe();
                throw ErrorCode.DECRYPT_ERROR.exception("the PSK binder of the resumed session does not verify");
            }
            return new Accepted(s, i, offer.identities().get(i).identity(), offer.identities().get(i).obfuscatedTicketAge());
        }
        return null;
    }
}
