package s2n.tls.internal.crypto;

import java.util.HexFormat;

/** Hex for test vectors copied from RFCs: whitespace (including line breaks) is ignored. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
