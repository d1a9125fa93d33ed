package s2n.tls.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import s2n.tls.Mode;

/**
 * KeyUpdate through the handler (TLS 1.3, RFC 8446 §4.6.3): a client asks for one, it goes out
 * with its next write, the echo server applies it and answers with its own before the echo, and
 * the data keeps flowing under the new keys both ways. TLS 1.2 has no KeyUpdate.
 */
@ExtendWith(Leaks.class)
class NettyKeyUpdateTest {
    private static final Fixture NETTY = new Fixture();

    @AfterAll
    static void stop() {
        NETTY.close();
    }

    @Test
    void aRequestedKeyUpdateIsAnsweredAndDataFlowsOn() throws Exception {
        List<S2nSslHandler> servers = new ArrayList<>();
        Channel server = NETTY.echoServer(Fixture.serverConfig(Fixture.TLS13).build(), servers, new ArrayList<>());
        try {
            S2nSslHandler client = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS13).build(), Mode.CLIENT, "localhost");
            byte[] before = "before the update".getBytes(StandardCharsets.US_ASCII);
            byte[] after = "after the update".getBytes(StandardCharsets.US_ASCII);
            Recorder recorder = new Recorder(before.length + after.length);
            Channel ch = NETTY.client(Fixture.port(server), c -> c.pipeline().addLast(client, recorder));
            try {
                ch.writeAndFlush(Unpooled.wrappedBuffer(before)).sync();
                Fixture.waitFor(() -> recorder.bytes.size() >= before.length);
                client.requestKeyUpdate(true);
                assertEquals(0, client.keyUpdatesSent(), "nothing goes out before the next write");
                ch.writeAndFlush(Unpooled.wrappedBuffer(after)).sync();
                byte[] both = recorder.received.get(10, TimeUnit.SECONDS);
                byte[] expected = new byte[before.length + after.length];
                System.arraycopy(before, 0, expected, 0, before.length);
                System.arraycopy(after, 0, expected, before.length, after.length);
                assertArrayEquals(expected, both);
                S2nSslHandler serverTls;
                synchronized (servers) {
                    serverTls = servers.get(0);
                }
                assertEquals(1, client.keyUpdatesSent());
                assertEquals(1, serverTls.keyUpdatesReceived());
                assertEquals(1, serverTls.keyUpdatesSent(), "the server answered the request");
                assertEquals(1, client.keyUpdatesReceived(), "the client applied the answer");
            } finally {
                ch.close().sync();
            }
        } finally {
            server.close().sync();
        }
    }

    @Test
    void tls12HasNoKeyUpdate() throws Exception {
        Channel server = NETTY.echoServer(Fixture.serverConfig(Fixture.TLS12).build(), new ArrayList<>(), new ArrayList<>());
        try {
            S2nSslHandler client = new S2nSslHandler(Fixture.clientConfig(Fixture.TLS12).build(), Mode.CLIENT, "localhost");
            byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
            Recorder recorder = new Recorder(ping.length);
            Channel ch = NETTY.client(Fixture.port(server), c -> c.pipeline().addLast(client, recorder));
            try {
                ch.writeAndFlush(Unpooled.wrappedBuffer(ping));
                assertArrayEquals(ping, recorder.received.get(10, TimeUnit.SECONDS));
                assertThrows(IllegalStateException.class, () -> client.requestKeyUpdate(false));
            } finally {
                ch.close().sync();
            }
        } finally {
            server.close().sync();
        }
    }
}
