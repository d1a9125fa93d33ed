package s2n.tls.internal.handshake;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
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
        SecretLog secretLog) {

    public Settings {
        certificates = List.copyOf(certificates);
        applicationProtocols = List.copyOf(applicationProtocols);
    }
}
