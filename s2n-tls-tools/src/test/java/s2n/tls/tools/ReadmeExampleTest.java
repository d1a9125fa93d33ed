package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import s2n.tls.CertificateChainAndKey;
import s2n.tls.Config;
import s2n.tls.Connection;
import s2n.tls.Mode;

/**
 * The Java example of README.md, run: {@link #client} and {@link #serveOne} are the README's
 * client and server, line for line (keep them in step), talking to each other on 127.0.0.1.
 * If the public API moves, this stops compiling and the README gets fixed with it.
 */
class ReadmeExampleTest {
    @Test
    void readmeClientTalksToReadmeServer() throws Exception {
        SelfSignedCertificate self = SelfSignedCertificate.generate("localhost", "127.0.0.1");
        String chainPem = self.certificatePem();
        String keyPem = self.privateKeyPem();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            Future<String> served = executor.submit(() -> serveOne(listener, chainPem, keyPem));
            String reply = client(listener.socket().getLocalPort(), chainPem);
            assertEquals("hello, TLSv1.3", reply);
            assertEquals("TLSv1.3 TLS_AES_128_GCM_SHA256 h2", served.get(30, TimeUnit.SECONDS));
        } finally {
            executor.shutdownNow();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    // ---- README: client
    static String client(int port, String caPem) throws IOException {
        Config config = Config.builder()                      // s2n_config_new
                .securityPolicy("default_tls13")              // s2n_config_set_cipher_preferences
                .trustPem(caPem)                              // s2n_config_add_pem_to_trust_store
                .applicationProtocols("h2", "http/1.1")       // s2n_config_set_protocol_preferences
                .build();

        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
             Connection conn = new Connection(Mode.CLIENT)) {   // s2n_connection_new(S2N_CLIENT)
            conn.setConfig(config)                             // s2n_connection_set_config
                .setServerName("localhost")                    // s2n_set_server_name
                .setChannel(channel);                          // s2n_connection_set_fd
            conn.negotiate();                                  // s2n_negotiate: a blocking channel needs one call

            conn.send(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));   // s2n_send
            ByteBuffer reply = ByteBuffer.allocate(16384);
            while (conn.recv(reply) >= 0) {                    // s2n_recv: -1 after the peer's close_notify
                // keep reading until the server closes
            }
            conn.shutdown();                                   // s2n_shutdown
            return new String(reply.array(), 0, reply.position(), StandardCharsets.UTF_8);
        }                                                      // close(): s2n_connection_free, wipes secrets
    }

    // ---- README: server
    static String serveOne(ServerSocketChannel listener, String chainPem, String keyPem) throws IOException {
        Config config = Config.builder()
                .certificateChainAndKey(CertificateChainAndKey.fromPem(chainPem, keyPem)) // s2n_cert_chain_and_key_load_pem
                .applicationProtocols("h2", "http/1.1")
                .build();                                      // immutable: share it between all connections

        try (SocketChannel channel = listener.accept();
             Connection conn = new Connection(Mode.SERVER)) {  // s2n_connection_new(S2N_SERVER)
            conn.setConfig(config).setChannel(channel);
            conn.negotiate();
            String negotiated = conn.actualProtocolVersion().protocolName() // s2n_connection_get_actual_protocol_version
                    + " " + conn.cipherSuite()                 // s2n_connection_get_cipher (IANA name)
                    + " " + conn.applicationProtocol();        // s2n_get_application_protocol

            ByteBuffer request = ByteBuffer.allocate(16384);
            int n = conn.recv(request);
            String hello = new String(request.array(), 0, n, StandardCharsets.UTF_8);
            conn.send(ByteBuffer.wrap((hello + ", " + conn.actualProtocolVersion().protocolName())
                    .getBytes(StandardCharsets.UTF_8)));
            conn.shutdown();                                   // close_notify, then wait for the client's
            return negotiated;
        }
    }
}
