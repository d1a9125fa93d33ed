package s2n.tls.internal.handshake.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static s2n.tls.internal.handshake.extension.ExtensionType.CH;
import static s2n.tls.internal.handshake.extension.ExtensionType.CR;
import static s2n.tls.internal.handshake.extension.ExtensionType.CT;
import static s2n.tls.internal.handshake.extension.ExtensionType.EE;
import static s2n.tls.internal.handshake.extension.ExtensionType.HRR;
import static s2n.tls.internal.handshake.extension.ExtensionType.NST;
import static s2n.tls.internal.handshake.extension.ExtensionType.SH;
import static s2n.tls.internal.handshake.extension.ExtensionType.allowedInTls13;

import org.junit.jupiter.api.Test;

/** The RFC 8446 §4.2 table: which TLS 1.3 messages may carry which extension. */
class ExtensionTypeTest {
    private static final int[] CONTEXTS = {CH, SH, EE, CT, CR, NST, HRR};

    /** The contexts in which {@code type} is allowed, as a bit set in the order of {@link #CONTEXTS}. */
    private static int row(int type) {
        int row = 0;
        for (int context : CONTEXTS) {
            if (allowedInTls13(type, context)) {
                row |= context;
            }
        }
        return row;
    }

    @Test
    void keyShareIsForHellosOnly() {
        assertEquals(CH | SH | HRR, row(ExtensionType.KEY_SHARE));
        assertFalse(allowedInTls13(ExtensionType.KEY_SHARE, EE));
    }

    @Test
    void serverNameIsAnsweredInEncryptedExtensionsNotServerHello() {
        assertEquals(CH | EE, row(ExtensionType.SERVER_NAME));
        assertFalse(allowedInTls13(ExtensionType.SERVER_NAME, SH));
    }

    @Test
    void cookieTravelsInHelloRetryRequestAndTheSecondClientHello() {
        assertEquals(CH | HRR, row(ExtensionType.COOKIE));
    }

    @Test
    void supportedVersionsIsInEveryHello() {
        assertEquals(CH | SH | HRR, row(ExtensionType.SUPPORTED_VERSIONS));
    }

    @Test
    void theRestOfTheRfc8446Table() {
        assertEquals(CH | EE, row(ExtensionType.MAX_FRAGMENT_LENGTH));
        assertEquals(CH | CR | CT, row(ExtensionType.STATUS_REQUEST));
        assertEquals(CH | EE, row(ExtensionType.SUPPORTED_GROUPS));
        assertEquals(CH | CR, row(ExtensionType.SIGNATURE_ALGORITHMS));
        assertEquals(CH | EE, row(ExtensionType.USE_SRTP));
        assertEquals(CH | EE, row(ExtensionType.HEARTBEAT));
        assertEquals(CH | EE, row(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION));
        assertEquals(CH | CR | CT, row(ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP));
        assertEquals(CH | EE, row(ExtensionType.CLIENT_CERTIFICATE_TYPE));
        assertEquals(CH | EE, row(ExtensionType.SERVER_CERTIFICATE_TYPE));
        assertEquals(CH, row(ExtensionType.PADDING));
        assertEquals(CH | SH, row(ExtensionType.PRE_SHARED_KEY));
        assertEquals(CH | EE | NST, row(ExtensionType.EARLY_DATA));
        assertEquals(CH, row(ExtensionType.PSK_KEY_EXCHANGE_MODES));
        assertEquals(CH | CR, row(ExtensionType.CERTIFICATE_AUTHORITIES));
        assertEquals(CR, row(ExtensionType.OID_FILTERS));
        assertEquals(CH, row(ExtensionType.POST_HANDSHAKE_AUTH));
        assertEquals(CH | CR, row(ExtensionType.SIGNATURE_ALGORITHMS_CERT));
    }

    @Test
    void recordSizeLimitFollowsRfc8449() {
        assertEquals(CH | EE, row(ExtensionType.RECORD_SIZE_LIMIT));
    }

    @Test
    void tls12OnlyExtensionsMayRideInAClientHelloButNoTls13ServerMessage() {
        for (int type : new int[] {ExtensionType.EC_POINT_FORMATS, ExtensionType.ENCRYPT_THEN_MAC,
            ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.SESSION_TICKET, ExtensionType.RENEGOTIATION_INFO}) {
            assertEquals(CH, row(type), ExtensionType.name(type));
        }
    }

    @Test
    void unknownTypesAreLeftToNegotiation() {
        assertFalse(ExtensionType.isKnown(0x0a0a));
        assertEquals(CH | SH | EE | CT | CR | NST | HRR, row(0x0a0a), "GREASE");
        assertEquals(CH | SH | EE | CT | CR | NST | HRR, row(0xfe0d));
        assertTrue(ExtensionType.isKnown(ExtensionType.KEY_SHARE));
    }

    @Test
    void contextMustBeExactlyOneMessage() {
        assertThrows(IllegalArgumentException.class, () -> allowedInTls13(ExtensionType.KEY_SHARE, CH | SH));
        assertThrows(IllegalArgumentException.class, () -> allowedInTls13(ExtensionType.KEY_SHARE, 0));
        assertThrows(IllegalArgumentException.class, () -> allowedInTls13(ExtensionType.KEY_SHARE, 1 << 7));
    }

    @Test
    void namesAreTheRfcNames() {
        assertEquals("server_name", ExtensionType.name(0));
        assertEquals("application_layer_protocol_negotiation", ExtensionType.name(16));
        assertEquals("record_size_limit", ExtensionType.name(28));
        assertEquals("key_share", ExtensionType.name(51));
        assertEquals("renegotiation_info", ExtensionType.name(0xff01));
        assertEquals("extension(2570)", ExtensionType.name(0x0a0a));
    }

    @Test
    void codePointsAreTheIanaValues() {
        assertEquals(0, ExtensionType.SERVER_NAME);
        assertEquals(10, ExtensionType.SUPPORTED_GROUPS);
        assertEquals(13, ExtensionType.SIGNATURE_ALGORITHMS);
        assertEquals(23, ExtensionType.EXTENDED_MASTER_SECRET);
        assertEquals(41, ExtensionType.PRE_SHARED_KEY);
        assertEquals(43, ExtensionType.SUPPORTED_VERSIONS);
        assertEquals(44, ExtensionType.COOKIE);
        assertEquals(50, ExtensionType.SIGNATURE_ALGORITHMS_CERT);
        assertEquals(51, ExtensionType.KEY_SHARE);
        assertEquals(0xff01, ExtensionType.RENEGOTIATION_INFO);
    }
}
