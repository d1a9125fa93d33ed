package s2n.tls.internal.handshake.extension;

import s2n.tls.internal.codec.Reader;
import s2n.tls.internal.codec.Writer;

/**
 * The psk_key_exchange_modes extension (RFC 8446 §4.2.9): how a client is willing to use a PSK.
 *
 * <pre>
 * enum { psk_ke(0), psk_dhe_ke(1), (255) } PskKeyExchangeMode;
 * struct { PskKeyExchangeMode ke_modes&lt;1..255&gt;; } PskKeyExchangeModes;
 * </pre>
 */
public final class PskKeyExchangeModesExtension {
    /** PSK-only key establishment: no forward secrecy. */
    public static final int PSK_KE = 0;
    /** PSK with (EC)DHE key establishment. */
    public static final int PSK_DHE_KE = 1;

    private PskKeyExchangeModesExtension() {
    }

    /** The extension data for {@code modes} (at least one). */
    public static byte[] encode(int[] modes) {
        Writer w = new Writer(1 + modes.length);
        CodePointVectors.writeUint8Vector8(w, modes, 1, "psk_key_exchange_modes");
        return w.toByteArray();
    }

    /** The listed modes in order; unknown values are kept for the caller to ignore. */
    public static int[] decode(byte[] data) {
        Reader r = new Reader(data);
        int[] modes = CodePointVectors.readUint8Vector8(r, 1, 255);
        r.expectEnd("psk_key_exchange_modes");
        return modes;
    }
}
