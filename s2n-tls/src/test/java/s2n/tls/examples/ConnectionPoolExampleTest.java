package s2n.tls.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;
import s2n.tls.testing.MemoryPipe;
import s2n.tls.testing.TestPair;
import s2n.tls.testing.TestPki;

/** Two pools of wiped connections serve 300 handshakes with four Connection objects in all. */
class ConnectionPoolExampleTest {

    @Test
    void wipedConnectionsServeManyHandshakes() throws Exception {
        TestPki pki = TestPki.shared(TestPki.KeyType.ECDSA_P256);
        TestPki.Issued cert = pki.issue(TestPki.KeyType.ECDSA_P256, "localhost");
        Config serverConfig = Config.builder()
                .certificateChainAndKey(CertificateChainAndKey.fromPem(cert.chainPem(), cert.keyPem())).build();
        Config clientConfig = Config.builder().withSystemTrust(false).trustPem(pki.rootPem()).build();
        ConnectionPool servers = new ConnectionPool(Mode.SERVER, serverConfig, 2);
        ConnectionPool clients = new ConnectionPool(Mode.CLIENT, clientConfig, 2);

        for (int i = 0; i < 150; i++) {
            // Two at a time, so each pool really alternates between its connections.
            Connection s1 = servers.take();
            Connection s2 = servers.take();
            Connection c1 = clients.take();
            Connection c2 = clients.take();
            for (Connection[] p : new Connection[][] {{c1, s1}, {c2, s2}}) {
                TestPair pair = new TestPair(p[0], p[1], clientConfig, serverConfig, MemoryPipe.Behavior.NORMAL);
                pair.handshake();
                byte[] data = ("request " + i).getBytes();
                assertArrayEquals(data, TestPair.transfer(pair.client, pair.server, data));
            }
            servers.give(s1);
            servers.give(s2);
            clients.give(c1);
            clients.give(c2);
        }
        assertEquals(2, servers.created());
        assertEquals(2, clients.created());
    }
}
