package s2n.tls.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.handshake.extension.AlpnExtension;
import s2n.tls.internal.handshake.extension.CookieExtension;
import s2n.tls.internal.handshake.extension.EcPointFormatsExtension;
import s2n.tls.internal.handshake.extension.KeyShareExtension;
import s2n.tls.internal.handshake.extension.PskKeyExchangeModesExtension;
import s2n.tls.internal.handshake.extension.RecordSizeLimitExtension;
import s2n.tls.internal.handshake.extension.RenegotiationInfoExtension;
import s2n.tls.internal.handshake.extension.ServerNameExtension;
import s2n.tls.internal.handshake.extension.SignatureAlgorithmsExtension;
import s2n.tls.internal.handshake.extension.SupportedGroupsExtension;
import s2n.tls.internal.handshake.extension.SupportedVersionsExtension;
import s2n.tls.internal.handshake.message.Certificate12;
import s2n.tls.internal.handshake.message.CertificateMessage;
import s2n.tls.internal.handshake.message.CertificateRequest;
import s2n.tls.internal.handshake.message.CertificateRequest12;
import s2n.tls.internal.handshake.message.CertificateVerify;
import s2n.tls.internal.handshake.message.ClientHello;
import s2n.tls.internal.handshake.message.ClientKeyExchange12;
import s2n.tls.internal.handshake.message.EncryptedExtensions;
import s2n.tls.internal.handshake.message.Finished;
import s2n.tls.internal.handshake.message.HandshakeMessage;
import s2n.tls.internal.handshake.message.KeyUpdate;
import s2n.tls.internal.handshake.message.NewSessionTicket;
import s2n.tls.internal.handshake.message.NewSessionTicket12;
import s2n.tls.internal.handshake.message.ServerHello;
import s2n.tls.internal.handshake.message.ServerKeyExchange12;

/**
 * Every handshake message decoder and every extension decoder, fed arbitrary bytes. The oracle
 * is the codec's contract: an input either fails with {@link DecodeException} and nothing else,
 * or decodes to a message that re-encodes to exactly the input (strict and canonical). Any other
 * exception is a finding.
 *
 * <p>The first input byte picks the decoder, the rest is the body, so one corpus covers them all.
 */
class HandshakeMessageFuzzTest {
    private static final List<Function<Reader, HandshakeMessage>> MESSAGES = List.of(
            ClientHello::decode, ServerHello::decode, EncryptedExtensions::decode, CertificateMessage::decode,
            CertificateRequest::decode, CertificateVerify::decode, Finished::decode, KeyUpdate::decode,
            NewSessionTicket::decode, Certificate12::decode, CertificateRequest12::decode, ServerKeyExchange12::decode,
            ClientKeyExchange12::decode, NewSessionTicket12::decode);

    private static final List<Consumer<byte[]>> EXTENSIONS = List.of(
            ServerNameExtension::decode, SupportedVersionsExtension::decodeClientHello,
            SupportedVersionsExtension::decodeServerHello, SupportedGroupsExtension::decode,
            SignatureAlgorithmsExtension::decode, KeyShareExtension::decodeClientHello,
            KeyShareExtension::decodeServerHello, KeyShareExtension::decodeHelloRetryRequest, AlpnExtension::decode,
            CookieExtension::decode, PskKeyExchangeModesExtension::decode, EcPointFormatsExtension::decode,
            RenegotiationInfoExtension::decode, RecordSizeLimitExtension::decode);

    @FuzzTest
    void messageDecoders(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Function<Reader, HandshakeMessage> decoder = MESSAGES.get((input[0] & 0xff) % MESSAGES.size());
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        HandshakeMessage decoded;
        try {
            decoded = decoder.apply(new Reader(body));
        } catch (DecodeException expected) {
            return;
        }
        Writer w = new Writer();
        decoded.encodeBody(w);
        assertArrayEquals(body, w.toByteArray(), "re-encoding " + decoded.getClass().getSimpleName());
    }

    @FuzzTest
    void extensionDecoders(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Consumer<byte[]> decoder = EXTENSIONS.get((input[0] & 0xff) % EXTENSIONS.size());
        try {
            decoder.accept(Arrays.copyOfRange(input, 1, input.length));
        } catch (DecodeException expected) {
            // the only acceptable failure
        }
    }
}
