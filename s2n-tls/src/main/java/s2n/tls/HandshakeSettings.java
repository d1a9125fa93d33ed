package s2n.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import s2n.tls.internal.handshake.CertifiedKey;
import s2n.tls.internal.handshake.ClientHelloHook;
import s2n.tls.internal.handshake.Resumption;
import s2n.tls.internal.handshake.Settings;
import s2n.tls.internal.handshake.Signer;
import s2n.tls.internal.handshake.message.ClientHello;

/**
 * What one handshake of a {@link Connection} runs with: its {@link Config} and what was set on the
 * connection itself (server name, client authentication, the sessions a client offers, early
 * data), as the handshake layer's {@link Settings}, with every application callback bound to the
 * connection. A server's client hello callback may swap the config; the handshake then takes the
 * settings again from {@link ClientHelloHook#settingsNow()}.
 */
final class HandshakeSettings {
    private HandshakeSettings() {}

    /** The settings for the handshake {@code conn} is about to start. */
    static Settings of(Connection conn) {
        Config c = conn.config();
        BoundClientHelloHook hook = conn.mode() == Mode.SERVER && c.clientHelloCallback() != null
                ? new BoundClientHelloHook(conn, c.clientHelloCallback()) : null;
        Settings s = of(conn, c, hook);
        if (hook != null) {
            hook.initial = s;
            hook.initialConfig = c;
        }
        return s;
    }

    private static Settings of(Connection conn, Config c, ClientHelloHook hook) {
        Mode mode = conn.mode();
        List<CertifiedKey> keys = new ArrayList<>();
        for (CertificateChainAndKey k : c.certificateChainAndKeys()) {
            keys.add(k.certifiedKey());
        }
        CertificateValidationCallback check = c.certificateValidationCallback();
        KeyLogCallback keyLog = c.keyLogCallback();
        return new Settings(mode, c.securityPolicy().policy(), keys, c.validator(), c.hostVerifier(),
                c.applicationProtocols(), conn.requestedServerName(), c.random(), c.clock(), c.maxHandshakeMessageSize(),
                keyLog == null ? null : line -> keyLog.onKeyLog(conn, line),
                conn.clientAuth(), check == null ? null : chain -> check.accept(conn, chain), c.certificateAuthorities(),
                resumption(conn, c), hook, signer(conn, c), mode == Mode.CLIENT && c.statusRequest(), c.checkOcspResponse());
    }

    private static Signer.Async signer(Connection conn, Config c) {
        AsyncSigner signer = c.asyncSigner();
        if (signer == null) {
            return null;
        }
        return (scheme, content, leaf) -> {
            CompletionStage<byte[]> stage = signer.sign(conn, new SigningRequest(scheme, content, leaf));
            return stage == null ? null : stage.toCompletableFuture();
        };
    }

    private static Resumption resumption(Connection conn, Config c) {
        long lifetime = c.sessionStateLifetime().toMillis();
        if (conn.mode() == Mode.SERVER) {
            EarlyDataCallback cb = c.earlyDataCallback();
            return c.ticketKeys() == null ? Resumption.NONE : new Resumption(c.ticketKeys(), c.sessionTicketsEnabled(),
                    c.sessionCache(), lifetime, c.initialTicketCount(), false, null, null, c.maxEarlyData(),
                    cb == null ? null : alpn -> cb.acceptEarlyData(conn, alpn), c.antiReplay(), false);
        }
        ClientSessions sessions = conn.sessions();
        boolean keep = c.sessionTicketsEnabled() || c.sessionTicketCallback() != null;
        return keep || sessions.offersAny()
                ? new Resumption(null, false, null, lifetime, 0, keep, sessions.offered13(), sessions.offered12(), 0, null,
                        null, conn.wantsEarlyData())
                : Resumption.NONE;
    }

    /** The server's client hello callback, bound to its connection; it lets the callback swap the config. */
    private static final class BoundClientHelloHook implements ClientHelloHook {
        private final Connection conn;
        private final ClientHelloCallback callback;
        private Settings initial;
        private Config initialConfig;

        BoundClientHelloHook(Connection conn, ClientHelloCallback callback) {
            this.conn = conn;
            this.callback = callback;
        }

        @Override
        public ClientHelloCallback.Result run(ClientHello hello, byte[] raw) {
            conn.inClientHelloCallback(true);
            try {
                return callback.onClientHello(conn, new ClientHelloInfo(hello, raw));
            } finally {
                conn.inClientHelloCallback(false);
            }
        }

        @Override
        public Settings settingsNow() {
            Config c = conn.config();
            // The callback runs once: the new config's own callback (if any) does not run again.
            return c == initialConfig ? initial : of(conn, c, this);
        }
    }
}
