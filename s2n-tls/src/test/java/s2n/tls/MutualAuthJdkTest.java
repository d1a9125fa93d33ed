package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.Certificate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import s2n.tls.testing.JdkPeer;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.TestPki;

/**
 * Mutual TLS with the JDK's own TLS, in memory, both directions and both versions: a JDK client
 * with a key manager against our REQUIRED server, and our client with a certificate against a JDK
 * server that needs one ({@code setNeedClientAuth(true)}). Each side sees the other's chain.
 */
class MutualAuthJdkTest {
    private static final TestPki PKI = MutualAuthTest.PKI;

    @ParameterizedTest(name = "JDK client with {1} certificate -> our REQUIRED server, {0}")
    @CsvSource({
        "TLSv1.3, ECDSA_P256",
        "TLSv1.3, RSA_2048",
        "TLSv1.2, ECDSA_P256",
        "TLSv1.2, RSA_2048",
    })
    void jdkClientAuthenticatesToOurServer(String protocol, TestPki.KeyType key) throws Exception {
        TestPki.Issued clientCert = MutualAuthTest.clientCert(key);
        JdkPeer jdk = JdkPeer.client(PKI.root(), "localhost", clientCert, new String[] {protocol}, null);
        Connection server = new Connection(Mode.SERVER).setConfig(MutualAuthTest.server("default", ClientAuth.REQUIRED));
        server.setSendCallback(MemoryPipe.SEND).setSendContext(jdk.toJdk);
        server.setRecvCallback(MemoryPipe.RECV).setRecvContext(jdk.fromJdk);

        jdk.pump();
        for (int i = 0; i < 100 && (server.negotiate() != Blocked.NOT_BLOCKED || !jdk.handshakeDone()); i++) {
            jdk.pump();
        }
        assertEquals(Blocked.NOT_BLOCKED, server.negotiate());
        assertEquals(protocol, server.actualProtocolVersion().protocolName());
        assertTrue(server.isClientCertificateUsed(), server.handshakeTypeName());
        assertEquals(clientCert.chain(), server.peerCertificates());
        assertEquals(clientCert.leaf(), jdk.engine().getSession().getLocalCertificates()[0]);
        InteropJdkTest.exchange(server, jdk);
    }

    @ParameterizedTest(name = "our client with {1} certificate -> JDK server that needs one, {0}")
    @CsvSource({
        "TLSv1.3, ECDSA_P256",
        "TLSv1.3, RSA_2048",
        "TLSv1.2, ECDSA_P256",
        "TLSv1.2, RSA_2048",
    })
    void ourClientAuthenticatesToJdkServer(String protocol, TestPki.KeyType key) throws Exception {
        TestPki.Issued clientCert = MutualAuthTest.clientCert(key);
        JdkPeer jdk = JdkPeer.serverRequiringClientCertificate(MutualAuthTest.SERVER, PKI.root(),
                new String[] {protocol}, null);
        Connection client = new Connection(Mode.CLIENT).setConfig(MutualAuthTest.client("default", clientCert).build())
                .setServerName("localhost");
        client.setSendCallback(MemoryPipe.SEND).setSendContext(jdk.toJdk);
        client.setRecvCallback(MemoryPipe.RECV).setRecvContext(jdk.fromJdk);

        for (int i = 0; i < 100 && (client.negotiate() != Blocked.NOT_BLOCKED || !jdk.handshakeDone()); i++) {
            jdk.pump();
        }
        assertEquals(Blocked.NOT_BLOCKED, client.negotiate());
        assertEquals(protocol, jdk.engine().getSession().getProtocol());
        Certificate[] seen = jdk.engine().getSession().getPeerCertificates();
        assertEquals(clientCert.chain(), List.of(seen));
        // TLS 1.3: the JDK reads our Certificate and CertificateVerify after we are done; the
        // exchange proves it accepted them (a refusal would arrive as an alert instead of data).
        InteropJdkTest.exchange(client, jdk);
        assertTrue(client.isClientCertificateUsed(), client.handshakeTypeName());
    }
}
