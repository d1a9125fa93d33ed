package s2n.tls.internal.handshake;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.x509.HostNames;

/** Parsing and verifying the chain a peer sent. */
final class PeerCertificates {
    /**
     * The most certificates we accept in one chain. s2n validates paths of at most 7; a peer may
     * add a few unneeded certificates (RFC 8446 §4.4.2), more than this is refused unparsed.
     */
    static final int MAX_CHAIN_LENGTH = 16;

    private PeerCertificates() {}

    static List<X509Certificate> parse(List<byte[]> der) throws TlsException {
        if (der.size() > MAX_CHAIN_LENGTH) {
            throw ErrorCode.CERT_INVALID.exception("certificate chain of " + der.size()
                    + " certificates exceeds the limit of " + MAX_CHAIN_LENGTH);
        }
        List<X509Certificate> out = new ArrayList<>(der.size());
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < der.size(); i++) {
                try {
                    out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der.get(i))));
                } catch (CertificateException | RuntimeException e) {
                    throw ErrorCode.CERT_INVALID.exception("certificate " + (i + 1) + " of the chain does not parse: "
                            + e.getMessage(), e);
                }
            }
        } catch (CertificateException e) {
            throw ErrorCode.INTERNAL.exception("no X.509 CertificateFactory", e);
        }
        return out;
    }

    /**
     * Validates the chain against the trust and, for a server's chain, the host name: the
     * {@code HostVerifier} if one is set, else {@code serverName}; then the application's
     * {@code CertificateValidationCallback}, if any. With verification disabled only the callback
     * runs.
     */
    /**
     * A client checks the stapled OCSP response for the server's leaf, when it verifies
     * certificates and its config asks (s2n's default); the issuer is the chain's second
     * certificate, or a trusted one that signed the leaf.
     */
    static void checkOcsp(Settings settings, List<X509Certificate> chain, byte[] response) throws TlsException {
        if (response == null || settings.validator() == null || !settings.checkOcsp()) {
            return;
        }
        X509Certificate leaf = chain.get(0);
        X509Certificate issuer = null;
        java.util.List<X509Certificate> candidates = new java.util.ArrayList<>(chain.subList(1, chain.size()));
        candidates.addAll(settings.validator().trustedCertificates());
        for (X509Certificate c : candidates) {
            if (c.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
                try {
                    leaf.verify(c.getPublicKey());
                    issuer = c;
                    break;
                } catch (java.security.GeneralSecurityException e) {
                    // another certificate with the same name
                }
            }
        }
        if (issuer == null) {
            throw ErrorCode.CERT_INVALID.exception("no issuer certificate to check the stapled OCSP response against");
        }
        s2n.tls.internal.x509.OcspResponses.check(response, leaf, issuer, settings.clock().instant());
    }

    static void verify(Settings settings, List<X509Certificate> chain, boolean peerIsServer) throws TlsException {
        builtInChecks(settings, chain, peerIsServer);
        Settings.CertificateCheck check = settings.certificateCheck();
        if (check == null) {
            return;
        }
        boolean accepted;
        try {
            accepted = check.accept(List.copyOf(chain));
        } catch (RuntimeException | Error e) {
            throw ErrorCode.INTERNAL.exception("the CertificateValidationCallback threw " + e, e);
        }
        if (!accepted) {
            throw ErrorCode.CERT_INVALID.exception("the CertificateValidationCallback rejected the "
                    + (peerIsServer ? "server's" : "client's") + " certificate " + chain.get(0).getSubjectX500Principal());
        }
    }

    private static void builtInChecks(Settings settings, List<X509Certificate> chain, boolean peerIsServer) throws TlsException {
        if (settings.validator() == null) {
            return;
        }
        settings.validator().validate(chain, settings.clock().instant(), peerIsServer);
        if (!peerIsServer && settings.hostVerifier() == null) {
            // A client's names are checked only by a HostVerifier (as s2n's verify_host callback).
            return;
        }
        X509Certificate leaf = chain.get(0);
        if (settings.hostVerifier() != null) {
            if (!HostNames.matches(leaf, settings.hostVerifier())) {
                throw ErrorCode.CERT_INVALID_HOSTNAME.exception("the HostVerifier accepted none of the certificate's names "
                        + HostNames.names(leaf));
            }
            return;
        }
        if (settings.serverName() == null) {
            throw ErrorCode.CERT_INVALID_HOSTNAME.exception("no server name to check the certificate against: call "
                    + "Connection.setServerName(host), or set a HostVerifier");
        }
        if (!HostNames.matches(leaf, settings.serverName())) {
            throw ErrorCode.CERT_INVALID_HOSTNAME.exception("certificate for " + HostNames.names(leaf)
                    + " does not match host " + settings.serverName());
        }
    }
}
