package s2n.tls.internal.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.handshake.extension.AlpnExtension;
import s2n.tls.internal.handshake.extension.CookieExtension;
import s2n.tls.internal.handshake.extension.EcPointFormatsExtension;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.extension.KeyShareExtension;
import s2n.tls.internal.handshake.extension.PskKeyExchangeModesExtension;
import s2n.tls.internal.handshake.extension.RecordSizeLimitExtension;
import s2n.tls.internal.handshake.extension.RenegotiationInfoExtension;
import s2n.tls.internal.handshake.extension.ServerNameExtension;
import s2n.tls.internal.handshake.extension.SignatureAlgorithmsExtension;
import s2n.tls.internal.handshake.extension.SupportedGroupsExtension;
import s2n.tls.internal.handshake.extension.SupportedVersionsExtension;

/**
 * Seeded mutations of valid messages (byte changes, cuts, insertions, deletions) fed to every
 * decoder. Each input either fails with {@link DecodeException} and nothing else, or decodes to
 * a message that re-encodes to exactly the input: decoding is strict and the encoding canonical.
 * The seed is fixed, so a failure reproduces.
 */
class HostileBytesTest {
    private static final int MUTATIONS_PER_SAMPLE = 3000;

    private record Target(String name, byte[] validBody, Function<Reader, HandshakeMessage> decoder) {
    }

    private static List<Target> targets() {
        return List.of(
                new Target("ClientHello RFC 8448", Framing.bodyBytes(Rfc8448MessagesTest.CLIENT_HELLO), ClientHello::decode),
                new Target("ClientHello OpenSSL", OpenSslClientHelloTest.OPENSSL_TLS13_BODY, ClientHello::decode),
                new Target("ServerHello RFC 8448", Framing.bodyBytes(Rfc8448MessagesTest.SERVER_HELLO), ServerHello::decode),
                new Target("EncryptedExtensions", Framing.bodyBytes(Rfc8448MessagesTest.ENCRYPTED_EXTENSIONS), EncryptedExtensions::decode),
                new Target("Certificate 1.3", Framing.bodyBytes(CertificateMessagesTest.sampleTls13().encode()), CertificateMessage::decode),
                new Target("Certificate 1.2", Framing.bodyBytes(new Certificate12(List.of(new byte[40], new byte[9])).encode()),
                        Certificate12::decode),
                new Target("CertificateVerify", Framing.bodyBytes(Rfc8448MessagesTest.CERTIFICATE_VERIFY), CertificateVerify::decode),
                new Target("CertificateRequest 1.2", Framing.bodyBytes(new CertificateRequest12(new byte[] {1, 64},
                        new int[] {0x0401}, List.of(new byte[] {0x30, 0})).encode()), CertificateRequest12::decode),
                new Target("NewSessionTicket", Framing.bodyBytes(PostHandshakeMessagesTest.sampleTicket().encode()), NewSessionTicket::decode),
                new Target("NewSessionTicket 1.2", Framing.bodyBytes(new NewSessionTicket12(60, new byte[20]).encode()),
                        NewSessionTicket12::decode),
                new Target("ServerKeyExchange 1.2", Framing.bodyBytes(Tls12KeyExchangeMessagesTest.sampleServerKeyExchange().encode()),
                        ServerKeyExchange12::decode),
                new Target("ClientKeyExchange 1.2", new byte[] {3, 4, 5, 6}, ClientKeyExchange12::decode),
                new Target("KeyUpdate", new byte[] {1}, KeyUpdate::decode));
    }

    @Test
    void mutatedMessagesFailOnlyWithDecodeErrorsAndOtherwiseReEncodeExactly() {
        Random random = new Random(0x5eed_2024L);
        for (Target target : targets()) {
            int decodedCount = 0;
            int rejectedCount = 0;
            for (int i = 0; i < MUTATIONS_PER_SAMPLE; i++) {
                byte[] input = mutate(target.validBody(), random);
                HandshakeMessage decoded;
                try {
                    decoded = target.decoder().apply(new Reader(input));
                } catch (DecodeException expected) {
                    rejectedCount++;
                    continue;
                } catch (RuntimeException e) {
                    throw new AssertionError(target.name() + " threw " + e + " on " + java.util.HexFormat.of().formatHex(input), e);
                }
                Writer w = new Writer();
                decoded.encodeBody(w);
                assertArrayEquals(input, w.toByteArray(), target.name() + " re-encoding");
                decodedCount++;
            }
            // Both outcomes must occur, or the mutations are not exercising the decoder.
            assertTrue(decodedCount > 0 && rejectedCount > 0, target.name() + ": " + decodedCount + " decoded, " + rejectedCount + " rejected");
        }
    }

    @Test
    void mutatedExtensionDataFailsOnlyWithDecodeErrors() {
        Random random = new Random(0x0e_c0deL);
        List<Consumer<byte[]>> decoders = List.of(
                ServerNameExtension::decode, SupportedVersionsExtension::decodeClientHello,
                SupportedVersionsExtension::decodeServerHello, SupportedGroupsExtension::decode,
                SignatureAlgorithmsExtension::decode, KeyShareExtension::decodeClientHello,
                KeyShareExtension::decodeServerHello, KeyShareExtension::decodeHelloRetryRequest, AlpnExtension::decode,
                CookieExtension::decode, PskKeyExchangeModesExtension::decode, EcPointFormatsExtension::decode,
                RenegotiationInfoExtension::decode, RecordSizeLimitExtension::decode);
        Extensions ch = ClientHello.decode(new Reader(OpenSslClientHelloTest.OPENSSL_TLS13_BODY)).extensions();
        for (Extensions.Extension e : ch.list()) {
            for (int i = 0; i < 300; i++) {
                byte[] input = mutate(e.data(), random);
                for (Consumer<byte[]> decoder : decoders) {
                    try {
                        decoder.accept(input);
                    } catch (DecodeException expected) {
                        // the only acceptable failure
                    } catch (RuntimeException other) {
                        fail("extension decoder threw " + other + " on " + java.util.HexFormat.of().formatHex(input));
                    }
                }
            }
        }
    }

    /** One or two random edits of {@code valid}. */
    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits; e++) {
            int at = b.length == 0 ? 0 : random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0:
                    if (b.length > 0) {
                        b[at] = (byte) random.nextInt(256);
                    }
                    break;
                case 1:
                    if (b.length > 0) {
                        b[at] = random.nextBoolean() ? 0 : (byte) 0xff;
                    }
                    break;
                case 2:
                    b = Arrays.copyOf(b, random.nextInt(b.length + 1));
                    break;
                case 3: {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                    break;
                }
                default:
                    if (b.length > 0) {
                        byte[] shorter = new byte[b.length - 1];
                        System.arraycopy(b, 0, shorter, 0, at);
                        System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                        b = shorter;
                    }
                    break;
            }
        }
        return b;
    }
}
