package s2n.tls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSLEngine contract on our engine: statuses, exact byte counts, buffer sizes, close_notify. */
class EngineContractTest {

    private static EnginePair ourClientJdkServer(String protocol) throws Exception {
        return new EnginePair(Contexts.clientEngine(Contexts.client(true), protocol),
                Contexts.serverEngine(Contexts.server(false), null));
    }

    private static EnginePair jdkClientOurServer(String protocol) throws Exception {
        return new EnginePair(Contexts.clientEngine(Contexts.client(false), protocol),
                Contexts.serverEngine(Contexts.server(true), null));
    }

    @Test
    void sessionSizesAndStateBeforeTheHandshake() throws Exception {
        SSLEngine e = Contexts.client(true).createSSLEngine("localhost", 8443);
        SSLSession s = e.getSession();
        assertEquals(16_709, s.getPacketBufferSize());
        assertEquals(16_384, s.getApplicationBufferSize());
        assertEquals("NONE", s.getProtocol());
        assertEquals("SSL_NULL_WITH_NULL_NULL", s.getCipherSuite());
        assertFalse(s.isValid());
        assertEquals("localhost", e.getPeerHost());
        assertEquals(8443, e.getPeerPort());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, e.getHandshakeStatus());
        assertNull(e.getHandshakeSession());
        assertNull(e.getApplicationProtocol(), "not yet determined");
        IllegalStateException noMode = assertThrows(IllegalStateException.class, e::beginHandshake);
        assertTrue(noMode.getMessage().contains("setUseClientMode"), noMode.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.setEnabledCipherSuites(new String[] {"TLS_RSA_WITH_RC4_128_MD5"}));
        assertThrows(IllegalArgumentException.class, () -> e.setEnabledProtocols(new String[] {"TLSv1.1"}));
        assertNull(e.getDelegatedTask());
    }

    @Test
    void tooSmallDestinationIsBufferOverflowWithNothingConsumedOrLost() throws Exception {
        EnginePair pair = ourClientJdkServer("TLSv1.3");
        pair.client.beginHandshake();
        assertEquals(HandshakeStatus.NEED_WRAP, pair.client.getHandshakeStatus());
        ByteBuffer tiny = ByteBuffer.allocate(10);
        SSLEngineResult r = pair.client.wrap(ByteBuffer.allocate(0), tiny);
        assertEquals(Status.BUFFER_OVERFLOW, r.getStatus());
        assertEquals(0, r.bytesProduced());
        assertEquals(0, tiny.position());
        assertEquals(HandshakeStatus.NEED_WRAP, r.getHandshakeStatus());
        pair.handshake(); // the ClientHello was kept: the handshake still completes

        byte[] data = new byte[5000];
        ByteBuffer src = ByteBuffer.wrap(data);
        r = pair.client.wrap(src, ByteBuffer.allocate(4000));
        assertEquals(Status.BUFFER_OVERFLOW, r.getStatus());
        assertEquals(0, r.bytesConsumed());
        assertEquals(0, src.position());

        // Unwrap side: our server engine, a record bigger than the destination.
        EnginePair other = jdkClientOurServer("TLSv1.2").handshake();
        ByteBuffer wire = ByteBuffer.allocate(20_000);
        other.client.wrap(ByteBuffer.wrap(data), wire);
        wire.flip();
        int before = wire.position();
        r = other.server.unwrap(wire, ByteBuffer.allocate(100));
        assertEquals(Status.BUFFER_OVERFLOW, r.getStatus());
        assertEquals(0, r.bytesConsumed());
        assertEquals(before, wire.position());
        ByteBuffer big = ByteBuffer.allocate(other.server.getSession().getApplicationBufferSize());
        r = other.server.unwrap(wire, big);
        assertEquals(Status.OK, r.getStatus());
        assertEquals(data.length, r.bytesProduced());
        assertFalse(wire.hasRemaining());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void partialRecordIsBufferUnderflowAndOneRecordAtATime(String protocol) throws Exception {
        EnginePair pair = jdkClientOurServer(protocol).handshake();
        ByteBuffer wire = ByteBuffer.allocate(40_000);
        pair.client.wrap(ByteBuffer.wrap("first".getBytes()), wire);
        int firstRecord = wire.position();
        pair.client.wrap(ByteBuffer.wrap("second".getBytes()), wire);
        wire.flip();
        ByteBuffer partial = wire.duplicate();
        for (int cut : new int[] {0, 3, 5, firstRecord - 1}) {
            partial.limit(cut).position(0);
            SSLEngineResult r = pair.server.unwrap(partial, ByteBuffer.allocate(16_384));
            assertEquals(Status.BUFFER_UNDERFLOW, r.getStatus(), "cut at " + cut);
            assertEquals(0, r.bytesConsumed());
            assertEquals(0, partial.position());
        }
        ByteBuffer dst = ByteBuffer.allocate(16_384);
        SSLEngineResult r = pair.server.unwrap(wire, dst);
        assertEquals(Status.OK, r.getStatus());
        assertEquals(firstRecord, r.bytesConsumed(), "exactly one record consumed");
        assertEquals("first", new String(dst.array(), 0, dst.position()));
        r = pair.server.unwrap(wire, dst);
        assertEquals("firstsecond", new String(dst.array(), 0, dst.position()));
        assertFalse(wire.hasRemaining());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, r.getHandshakeStatus());
    }

    @Test
    void scatteringUnwrapAndGatheringWrapKeepEveryByte() throws Exception {
        EnginePair pair = ourClientJdkServer("TLSv1.3").handshake();
        ByteBuffer[] srcs = {ByteBuffer.wrap(new byte[] {1, 2, 3}), ByteBuffer.wrap(new byte[20_000]), ByteBuffer.wrap(new byte[] {9})};
        srcs[1].put(0, (byte) 7);
        ByteBuffer wire = ByteBuffer.allocate(1 << 16);
        long total = 0;
        while (srcs[2].hasRemaining()) {
            SSLEngineResult r = pair.client.wrap(srcs, wire);
            assertEquals(Status.OK, r.getStatus());
            assertTrue(r.bytesConsumed() <= 16_384, "one record per wrap: " + r);
            total += r.bytesConsumed();
        }
        assertEquals(20_004, total);
        wire.flip();
        ByteBuffer a = ByteBuffer.allocate(2);
        ByteBuffer b = ByteBuffer.allocate(30_000);
        List<Byte> got = new ArrayList<>();
        while (wire.hasRemaining()) {
            SSLEngineResult r = pair.server.unwrap(wire, new ByteBuffer[] {a, b});
            assertEquals(Status.OK, r.getStatus());
        }
        assertEquals(20_004, a.position() + b.position());
        assertEquals(1, a.get(0));
        assertEquals(3, b.get(0));
        assertEquals(7, b.get(1));
        assertEquals(9, b.get(b.position() - 1));
        assertTrue(got.isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void closeNotifyFromOurEngine(String protocol) throws Exception {
        EnginePair pair = ourClientJdkServer(protocol).handshake();
        pair.client.closeOutbound();
        assertFalse(pair.client.isOutboundDone(), "close_notify not wrapped yet");
        assertEquals(HandshakeStatus.NEED_WRAP, pair.client.getHandshakeStatus());
        ByteBuffer wire = ByteBuffer.allocate(17_000);
        SSLEngineResult r = pair.client.wrap(ByteBuffer.allocate(0), wire);
        assertEquals(Status.CLOSED, r.getStatus());
        assertTrue(r.bytesProduced() > 0);
        assertTrue(pair.client.isOutboundDone());
        assertEquals(Status.CLOSED, pair.client.wrap(ByteBuffer.wrap(new byte[10]), wire).getStatus(), "nothing after close");
        wire.flip();
        r = pair.server.unwrap(wire, ByteBuffer.allocate(16_384));
        assertEquals(Status.CLOSED, r.getStatus());
        assertTrue(pair.server.isInboundDone());
        // The JDK answers with its own close_notify; our engine reads it and is done.
        ByteBuffer back = ByteBuffer.allocate(17_000);
        pair.server.closeOutbound();
        pair.server.wrap(ByteBuffer.allocate(0), back);
        back.flip();
        r = pair.client.unwrap(back, ByteBuffer.allocate(16_384));
        assertEquals(Status.CLOSED, r.getStatus());
        assertTrue(pair.client.isInboundDone());
        pair.client.closeInbound(); // after close_notify: no truncation complaint
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void closeNotifyFromTheJdkEngine(String protocol) throws Exception {
        EnginePair pair = jdkClientOurServer(protocol).handshake();
        pair.client.closeOutbound();
        ByteBuffer wire = ByteBuffer.allocate(17_000);
        pair.client.wrap(ByteBuffer.allocate(0), wire);
        wire.flip();
        SSLEngineResult r = pair.server.unwrap(wire, ByteBuffer.allocate(16_384));
        assertEquals(Status.CLOSED, r.getStatus());
        assertTrue(pair.server.isInboundDone());
        if (protocol.equals("TLSv1.2")) {
            // TLS 1.2: our engine answers with its close_notify, as the JDK does.
            assertEquals(HandshakeStatus.NEED_WRAP, r.getHandshakeStatus());
            assertEquals(Status.CLOSED, pair.server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(17_000)).getStatus());
            assertTrue(pair.server.isOutboundDone());
        } else {
            // TLS 1.3 half-close: we may still send, then close.
            assertFalse(pair.server.isOutboundDone());
            ByteBuffer out = ByteBuffer.allocate(17_000);
            assertEquals(Status.OK, pair.server.wrap(ByteBuffer.wrap("late".getBytes()), out).getStatus());
            out.flip();
            ByteBuffer got = ByteBuffer.allocate(16_384);
            pair.client.unwrap(out, got);
            assertEquals("late", new String(got.array(), 0, got.position()));
            pair.server.closeOutbound();
            assertEquals(HandshakeStatus.NEED_WRAP, pair.server.getHandshakeStatus(), "our close_notify is due");
            assertEquals(Status.CLOSED, pair.server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(17_000)).getStatus());
            assertTrue(pair.server.isOutboundDone());
        }
    }

    @Test
    void closeInboundWithoutCloseNotifyIsTruncation() throws Exception {
        EnginePair pair = ourClientJdkServer("TLSv1.3").handshake();
        SSLException e = assertThrows(SSLException.class, pair.client::closeInbound);
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(pair.client.isInboundDone());
        assertEquals(HandshakeStatus.NEED_WRAP, pair.client.getHandshakeStatus(), "our close_notify is due");
    }

    @Test
    void enabledSuiteAndProtocolAreTheNegotiatedOnes() throws Exception {
        SSLEngine ours = Contexts.clientEngine(Contexts.client(true), null);
        ours.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"});
        EnginePair pair = new EnginePair(ours, Contexts.serverEngine(Contexts.server(false), null)).handshake();
        assertEquals("TLSv1.2", ours.getSession().getProtocol(), "no TLS 1.3 suite enabled");
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", pair.server.getSession().getCipherSuite());

        SSLEngine only13 = Contexts.serverEngine(Contexts.server(true), "TLSv1.3");
        SSLEngine jdk12 = Contexts.clientEngine(Contexts.client(false), "TLSv1.2");
        EnginePair fails = new EnginePair(jdk12, only13);
        SSLException e = assertThrows(SSLException.class, fails::handshake);
        assertTrue(e.getMessage().contains("protocol"), e.getMessage());

        SSLEngine bad = Contexts.clientEngine(Contexts.client(true), "TLSv1.3");
        bad.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"});
        SSLException none = assertThrows(SSLException.class, bad::beginHandshake);
        assertTrue(none.getMessage().contains("no enabled cipher suite"), none.getMessage());
    }

    @Test
    void sslParametersRoundTripAndMerge() throws Exception {
        SSLEngine e = Contexts.client(true).createSSLEngine();
        SSLParameters p = new SSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        p.setApplicationProtocols(new String[] {"h2"});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
        SSLParameters got = e.getSSLParameters();
        assertArrayEquals(new String[] {"TLSv1.2"}, got.getProtocols());
        assertArrayEquals(CipherSuites.SUPPORTED.toArray(new String[0]), got.getCipherSuites(), "null suites keep the old");
        assertArrayEquals(new String[] {"h2"}, got.getApplicationProtocols());
        assertEquals("HTTPS", got.getEndpointIdentificationAlgorithm());
        e.setNeedClientAuth(true);
        assertTrue(e.getNeedClientAuth());
        e.setWantClientAuth(true);
        assertFalse(e.getNeedClientAuth());
        assertTrue(e.getWantClientAuth());
    }
}
