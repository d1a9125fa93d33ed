package s2n.tls.internal.handshake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.crypto.CipherSuite;
import s2n.tls.internal.handshake.extension.AlpnExtension;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.ServerNameExtension;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.resumption.Tls13Session;
import s2n.tls.internal.x509.HostNames;

/**
 * The server's choices that depend only on its settings and what the client offered: the order in
 * which its certificates are tried, the application protocol, and how much early data it takes.
 * {@link Server13} and {@link Server12} make them the same way.
 */
final class ServerChoices {
    /** How far the client's view of a ticket's age may differ from ours for early data (RFC 8446 §8.3). */
    static final long EARLY_DATA_AGE_TOLERANCE_MILLIS = 10_000;
    /** What a server skips of early data it rejects, at least (OpenSSL's default: one full record). */
    static final long MIN_EARLY_DATA_SKIP = 1 << 14;

    private ServerChoices() {}

    /**
     * Our certificates: those naming the client's SNI exactly, then those matching it by a
     * wildcard, then the others, each in configuration order (s2n's preference; with no match
     * the first certificate that fits the client's signature schemes is the default).
     */
    static List<CertifiedKey> certificateCandidates(Settings settings, ClientHello hello) throws TlsException {
        if (settings.certificates().isEmpty()) {
            throw ErrorCode.HANDSHAKE_FAILURE.exception("the server has no certificate; add one with "
                    + "Config.Builder.certificateChainAndKey(...)");
        }
        List<CertifiedKey> candidates = new ArrayList<>();
        byte[] sni = hello.extensions().get(ExtensionType.SERVER_NAME);
        String host = sni == null ? null : ServerNameExtension.decode(sni);
        if (host != null) {
            // s2n's order: certificates naming the host exactly, then by wildcard, then the rest
            // (the first of which is the default), each group in the order they were added.
            for (CertifiedKey k : settings.certificates()) {
                if (HostNames.matchesExactly(k.leaf(), host)) {
                    candidates.add(k);
                }
            }
            for (CertifiedKey k : settings.certificates()) {
                if (!candidates.contains(k) && HostNames.matches(k.leaf(), host)) {
                    candidates.add(k);
                }
            }
        }
        for (CertifiedKey k : settings.certificates()) {
            if (!candidates.contains(k)) {
                candidates.add(k);
            }
        }
        return candidates;
    }

    /** Our most preferred protocol the client offers (RFC 7301 §3.2); null if either side has none. */
    static String applicationProtocol(Settings settings, ClientHello hello) throws TlsException {
        byte[] alpn = hello.extensions().get(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        if (alpn == null || settings.applicationProtocols().isEmpty()) {
            return null;
        }
        List<String> offered = AlpnExtension.decode(alpn);
        for (String p : settings.applicationProtocols()) {
            if (offered.contains(p)) {
                return p;
            }
        }
        // RFC 7301 §3.2
        throw ErrorCode.NO_APPLICATION_PROTOCOL.exception("client offers " + offered + ", we support "
                + settings.applicationProtocols());
    }

    /**
     * How much early data a TLS 1.3 handshake accepts (RFC 8446 §4.2.10); 0 to reject it. Only
     * with the first PSK identity ({@code resumed}, null without one), the ticket's suite and ALPN
     * (the handshake chose {@code suite} and {@code applicationProtocol}), a ticket age the client
     * agrees with (§8.3), once per ticket (§8.1: the anti-replay claim), and if the application's
     * early data callback agrees; at most the ticket's max_early_data and ours.
     */
    static long earlyDataLimit(Settings settings, Tickets13.Accepted resumed, CipherSuite suite,
            String applicationProtocol) {
        Resumption r = settings.resumption();
        if (resumed == null || resumed.index() != 0 || r.maxEarlyData() == 0 || r.antiReplay() == null) {
            return 0;
        }
        Tls13Session s = resumed.session();
        if (s.maxEarlyData() == 0 || !s.suite().equals(suite)
                || !Objects.equals(s.applicationProtocol(), applicationProtocol)) {
            return 0;
        }
        long now = settings.clock().millis();
        long clientAge = (resumed.obfuscatedAge() - s.ageAdd()) & 0xFFFFFFFFL;
        long serverAge = now - s.issuedMillis();
        if (Math.abs(serverAge - clientAge) > EARLY_DATA_AGE_TOLERANCE_MILLIS) {
            return 0;
        }
        if (r.earlyDecision() != null && !r.earlyDecision().accept(applicationProtocol)) {
            return 0;
        }
        long window = s.issuedMillis() + s.lifetimeSeconds() * 1000 - now;
        byte[] id = s.suite().hash().digest(resumed.identity());
        if (window <= 0 || !r.antiReplay().claim(id, Duration.ofMillis(window))) {
            return 0;
        }
        return Math.min(s.maxEarlyData(), r.maxEarlyData());
    }

    /** RFC 8446 §4.2.10: rejected early data is skipped up to our max_early_data (OpenSSL's floor: 16 KiB). */
    static long earlySkipBudget(Settings settings) {
        return Math.max(settings.resumption().maxEarlyData(), MIN_EARLY_DATA_SKIP);
    }
}
