package s2n.tls.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import s2n.tls.internal.codec.DecodeException;
import s2n.tls.internal.handshake.extension.PreSharedKeyExtension;
import s2n.tls.internal.resumption.TicketKeys;
import s2n.tls.internal.resumption.Tls12Session;
import s2n.tls.internal.resumption.Tls13Session;

/**
 * What resumption parses from a peer or an application: the pre_shared_key extension (a client's
 * offer, a server's choice), the session state inside a ticket, the session bytes an application
 * hands to {@code setSession}, and a ticket to open. The oracles: the extension decoders fail only
 * with {@link DecodeException} and a decoded offer re-encodes to its input; a state decodes or is
 * null; session bytes decode or are an {@link IllegalArgumentException}; a ticket that was not
 * sealed by these keys never opens. The first input byte picks the parser.
 */
class ResumptionFuzzTest {
    private static final TicketKeys KEYS = TicketKeys.of(List.of("fuzz".getBytes()), List.of(new byte[32]),
            List.of(0L), 3_600_000, 3_600_000);

    @FuzzTest
    void resumptionDecoders(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        switch ((input[0] & 0xff) % 7) {
            case 0 -> pskOffer(body);
            case 1 -> {
                try {
                    PreSharedKeyExtension.decodeServerHello(body);
                } catch (DecodeException expected) {
                    // the only acceptable failure
                }
            }
            case 2 -> Tls13Session.decodeServerState(body);
            case 3 -> Tls12Session.decodeServerState(body);
            case 4 -> {
                try {
                    Tls13Session.decodeClientSession(body).encodeClientSession();
                } catch (IllegalArgumentException expected) {
                    // not a session we wrote
                }
            }
            case 5 -> {
                try {
                    Tls12Session.decodeClientSession(body).encodeClientSession();
                } catch (IllegalArgumentException expected) {
                    // not a session we wrote
                }
            }
            default -> assertNull(KEYS.open(body, 60_000), "a ticket these keys never sealed opened");
        }
    }

    private static void pskOffer(byte[] body) {
        PreSharedKeyExtension.Offer offer;
        try {
            offer = PreSharedKeyExtension.decodeClientHello(body);
        } catch (DecodeException expected) {
            return;
        }
        List<Integer> lengths = new ArrayList<>();
        for (byte[] b : offer.binders()) {
            lengths.add(b.length);
        }
        byte[] encoded = PreSharedKeyExtension.encodeClientHello(offer.identities(),
                lengths.stream().mapToInt(Integer::intValue).toArray());
        PreSharedKeyExtension.writeBinders(encoded, offer.binders());
        assertArrayEquals(body, encoded, "re-encoding the pre_shared_key offer");
    }
}
