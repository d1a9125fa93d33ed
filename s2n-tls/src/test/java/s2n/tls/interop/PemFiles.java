package s2n.tls.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import s2n.tls.internal.x509.Pem;
import s2n.tls.testing.TestPki;

/**
 * Test certificates written as the files openssl, gnutls and curl take: the leaf alone
 * ({@code -cert}), the intermediates ({@code -cert_chain}; s_server's {@code -cert} reads only the
 * first certificate of a file), both in one file, the key, and a root to trust ({@code -CAfile}).
 */
final class PemFiles {
    private PemFiles() {}

    /**
     * The files of one server identity, relative to the peer's working directory. For GnuTLS:
     * {@code fullChain} is the leaf followed by the intermediates ({@code gnutls-serv
     * --x509certfile} reads the whole chain from one file), and {@code traditionalKey} the key as
     * PKCS#1 or SEC1 with its curve, as openssl writes them (gnutls-serv 3.7 cannot read the
     * PKCS#8 form TestPki gives an EC key: "ASN1 parser: Element was not found").
     */
    record Identity(String leaf, String chain, String key, String fullChain, String traditionalKey) {}

    /**
     * Writes {@code issued} as {@code <name>-leaf.pem}, {@code <name>-chain.pem},
     * {@code <name>-key.pem}, {@code <name>-fullchain.pem} and {@code <name>-key-traditional.pem}.
     */
    static Identity write(Path dir, String name, TestPki.Issued issued) throws IOException {
        Identity files = new Identity(name + "-leaf.pem", name + "-chain.pem", name + "-key.pem", name + "-fullchain.pem",
                name + "-key-traditional.pem");
        String leaf = pem(issued.leaf());
        writeText(dir.resolve(files.leaf()), leaf);
        StringBuilder intermediates = new StringBuilder();
        for (X509Certificate cert : issued.chain().subList(1, issued.chain().size())) {
            intermediates.append(pem(cert));
        }
        writeText(dir.resolve(files.chain()), intermediates.toString());
        writeText(dir.resolve(files.fullChain()), leaf + intermediates);
        writeText(dir.resolve(files.key()), issued.keyPem());
        writeText(dir.resolve(files.traditionalKey()), issued.traditionalKeyPem());
        return files;
    }

    /** Writes {@code pki}'s root as {@code <name>.pem} and returns the file name. */
    static String writeRoot(Path dir, String name, TestPki pki) throws IOException {
        String file = name + ".pem";
        writeText(dir.resolve(file), pki.rootPem());
        return file;
    }

    private static String pem(X509Certificate cert) {
        try {
            return Pem.encode("CERTIFICATE", cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
