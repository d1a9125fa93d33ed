package s2n.tls.tools;

import java.util.ArrayList;
import java.util.List;
import s2n.tls.Connection;

/**
 * What a handshake negotiated, as the {@code Name: value} lines s2n's {@code s2nc}/{@code s2nd}
 * print after every handshake ({@code print_connection_info} in s2n's {@code bin/echo.c}), in the
 * same order, so scripts written for one read the other.
 *
 * <pre>{@code
 * Client protocol version: TLSv1.3
 * Server protocol version: TLSv1.3
 * Actual protocol version: TLSv1.3
 * Handshake type: NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT
 * Cipher negotiated: TLS_AES_128_GCM_SHA256
 * Curve: x25519
 * Signature scheme: ecdsa_secp256r1_sha256
 * Application protocol: h2
 * Server name: localhost
 * Client certificate: CN=client.example (ecdsa_secp256r1_sha256)
 * Resumed session: no
 * Early data status: NOT_REQUESTED
 * OCSP response: none
 * Wire bytes in: 1234
 * Wire bytes out: 567
 * }</pre>
 *
 * <p>A value that was not negotiated (no ALPN, no SNI, no client certificate) prints as
 * {@code none}. The client certificate line is ours (s2n's tools print no such line): the
 * client's leaf subject (on the server; {@code presented} on the client) and the scheme of its
 * CertificateVerify. s2n prints a bare {@code Resumed session} line only for a resumed handshake;
 * ours is always there, {@code yes} or {@code no}.
 */
final class ConnectionInfo {
    /** The names, in print order; tests and scripts can rely on this order. */
    static final List<String> NAMES = List.of(
            "Client protocol version",
            "Server protocol version",
            "Actual protocol version",
            "Handshake type",
            "Cipher negotiated",
            "Curve",
            "Signature scheme",
            "Application protocol",
            "Server name",
            "Client certificate",
            "Resumed session",
            "Early data status",
            "OCSP response",
            "Wire bytes in",
            "Wire bytes out");

    private static final String NONE = "none";

    private ConnectionInfo() {}

    /** The lines for {@code conn}, without line terminators, in {@link #NAMES} order. */
    static List<String> lines(Connection conn) {
        List<String> values = List.of(
                conn.clientProtocolVersion().protocolName(),
                conn.serverProtocolVersion().protocolName(),
                conn.actualProtocolVersion().protocolName(),
                conn.handshakeTypeName(),
                orNone(conn.cipherSuite()),
                orNone(conn.keyExchangeGroup()),
                orNone(conn.signatureScheme()),
                orNone(conn.applicationProtocol()),
                orNone(conn.serverName()),
                clientCertificate(conn),
                conn.isResumed() ? "yes" : "no",
                conn.earlyDataStatus().name(),
                conn.ocspResponse() == null ? NONE : conn.ocspResponse().length + " bytes",
                Long.toString(conn.wireBytesIn()),
                Long.toString(conn.wireBytesOut()));
        List<String> lines = new ArrayList<>(NAMES.size());
        for (int i = 0; i < NAMES.size(); i++) {
            lines.add(NAMES.get(i) + ": " + values.get(i));
        }
        return lines;
    }

    /**
     * The lines as one block ending in a newline, so that one {@code print} call writes it whole
     * and blocks of concurrent connections never interleave.
     */
    static String block(Connection conn) {
        return String.join(System.lineSeparator(), lines(conn)) + System.lineSeparator();
    }

    /** The client's leaf subject and CertificateVerify scheme, seen from either side. */
    private static String clientCertificate(Connection conn) {
        if (!conn.isClientCertificateUsed()) {
            return NONE;
        }
        String who = conn.mode() == s2n.tls.Mode.SERVER
                ? conn.peerCertificates().get(0).getSubjectX500Principal().getName()
                : "presented";
        return who + " (" + conn.clientSignatureScheme() + ")";
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }
}
