package s2n.tls.testing;

import java.util.ArrayList;
import java.util.List;
import s2n.tls.internal.codec.Writer;
import s2n.tls.internal.handshake.extension.Extensions.Extension;
import s2n.tls.internal.handshake.message.HandshakeCodes;

/**
 * A ClientHello or ServerHello under construction by a {@link RawPeer}: every field is public and
 * mutable, extensions may repeat or be of any type, and {@link #encodeClientHello()} /
 * {@link #encodeServerHello()} write the fields as they are, with no validation, so tests can
 * build any hello, legal or not. Lengths are computed; a test that wants a wrong length edits the
 * encoded bytes.
 */
public final class RawHello {
    public int legacyVersion = 0x0303;
    public byte[] random = new byte[32];
    public byte[] sessionId = new byte[0];
    /** A ClientHello's cipher_suites. */
    public int[] cipherSuites = new int[0];
    /** A ServerHello's cipher_suite. */
    public int cipherSuite;
    /** A ClientHello's compression methods; a ServerHello writes {@code compression[0]}. */
    public byte[] compression = {0};
    public final List<Extension> extensions = new ArrayList<>();
    /** Bytes appended after the extensions block (trailing garbage). */
    public byte[] trailing = new byte[0];

    /** Replaces the extension of this type (keeping its place), or appends it. */
    public RawHello set(int type, byte[] data) {
        for (int i = 0; i < extensions.size(); i++) {
            if (extensions.get(i).type() == type) {
                extensions.set(i, new Extension(type, data));
                return this;
            }
        }
        extensions.add(new Extension(type, data));
        return this;
    }

    /** Appends an extension, even one of a type already present. */
    public RawHello add(int type, byte[] data) {
        extensions.add(new Extension(type, data));
        return this;
    }

    /** Removes every extension of this type. */
    public RawHello remove(int type) {
        extensions.removeIf(e -> e.type() == type);
        return this;
    }

    /** The data of the first extension of this type, or null. */
    public byte[] get(int type) {
        for (Extension e : extensions) {
            if (e.type() == type) {
                return e.data();
            }
        }
        return null;
    }

    /** The whole ClientHello message, header included. */
    public byte[] encodeClientHello() {
        Writer w = new Writer();
        w.writeUint8(HandshakeCodes.CLIENT_HELLO);
        int body = w.beginVector24();
        w.writeUint16(legacyVersion);
        w.writeBytes(random);
        w.writeVector8(sessionId);
        int suites = w.beginVector16();
        for (int s : cipherSuites) {
            w.writeUint16(s);
        }
        w.endVector16(suites);
        w.writeVector8(compression);
        writeExtensions(w);
        w.endVector24(body);
        return w.toByteArray();
    }

    /** The whole ServerHello (or HelloRetryRequest) message, header included. */
    public byte[] encodeServerHello() {
        Writer w = new Writer();
        w.writeUint8(HandshakeCodes.SERVER_HELLO);
        int body = w.beginVector24();
        w.writeUint16(legacyVersion);
        w.writeBytes(random);
        w.writeVector8(sessionId);
        w.writeUint16(cipherSuite);
        w.writeUint8(compression[0] & 0xff);
        writeExtensions(w);
        w.endVector24(body);
        return w.toByteArray();
    }

    private void writeExtensions(Writer w) {
        int block = w.beginVector16();
        for (Extension e : extensions) {
            w.writeUint16(e.type());
            w.writeVector16(e.data());
        }
        w.endVector16(block);
        w.writeBytes(trailing);
    }
}
