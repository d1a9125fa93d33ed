package s2n.tls.internal.handshake;

import java.util.HexFormat;

/**
 * Where the handshake reports traffic secrets for the application's key log, in the NSS key log
 * format (label, client random, secret). Null in {@link Settings} when no key log is configured,
 * so no secret is ever formatted without one.
 */
@FunctionalInterface
public interface SecretLog {
    /** One line: {@code label}, the ClientHello random and the secret, each hex-encoded. */
    void line(String line);

    /** Formats and reports one secret; does nothing when {@code log} is null. */
    static void log(SecretLog log, String label, byte[] clientRandom, byte[] secret) {
        if (log != null) {
            HexFormat hex = HexFormat.of();
            log.line(label + " " + hex.formatHex(clientRandom) + " " + hex.formatHex(secret));
        }
    }
}
