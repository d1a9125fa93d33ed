package s2n.tls.internal.handshake;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.security.cert.X509Certificate;
import s2n.tls.ClientAuth;
import s2n.tls.HostVerifier;
import s2n.tls.Mode;
import s2n.tls.internal.policy.Policy;
import s2n.tls.internal.x509.CertificateValidator;

/**
 * Everything a handshake needs from the connection and its config, fixed when the handshake
 * starts. The handshake sees this and nothing else of the public objects.
 *
 * @param validator null when certificate verification is disabled
 * @param hostVerifier null for the default host check against {@code serverName}
 * @param serverName the client's SNI and expected host name; null if none was set
 * @param maxHandshakeMessageSize the longest handshake message body we accept from the peer
 * @param secretLog the application's key log; null when there is none
 * @param clientAuth the client authentication in effect for this connection, never null
 * @param certificateCheck the application's check of a peer chain after ours; null when there is none
 * @param certificateAuthorities DER subjects a server names in its CertificateRequest; empty for none
 * @param resumption tickets to issue, accept or offer; {@link Resumption#NONE} for none
 * @param clientHelloHook a server's client hello callback; null for none
 * @param signer the application's async signer; null to sign with the private keys here
 * @param requestOcsp whether a client asks for a stapled OCSP response
 * @param checkOcsp whether a client checks a stapled OCSP response (when it verifies certificates)
 */
public record Settings(
        Mode mode,
        Policy policy,
        List<CertifiedKey> certificates,
        CertificateValidator validator,
        HostVerifier hostVerifier,
        List<String> applicationProtocols,
        String serverName,
        SecureRandom random,
        Clock clock,
        int maxHandshakeMessageSize,
        SecretLog secretLog,
        ClientAuth clientAuth,
        CertificateCheck certificateCheck,
        List<byte[]> certificateAuthorities,
        Resumption resumption,
        ClientHelloHook clientHelloHook,
        Signer.Async signer,
        boolean requestOcsp,
        boolean checkOcsp) {

    /** The application's {@code CertificateValidationCallback}, bound to its connection. */
    @FunctionalInterface
    public interface CertificateCheck {
        boolean accept(List<X509Certificate> chain);
    }

    public Settings {
        certificates = List.copyOf(certificates);
        applicationProtocols = List.copyOf(applicationProtocols);
        certificateAuthorities = List.copyOf(certificateAuthorities);
    }
}
