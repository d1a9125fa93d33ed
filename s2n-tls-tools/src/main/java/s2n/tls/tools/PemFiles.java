package s2n.tls.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reading the PEM files named on a command line, and writing the certificate s2nd serves. */
final class PemFiles {
    private PemFiles() {}

    /**
     * The text of {@code file}, named by {@code option} in the failure message.
     *
     * @throws ToolFailure if it cannot be read
     */
    static String read(Path file, String option) throws ToolFailure {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new ToolFailure("cannot read " + option + " " + file + ": no such file");
        } catch (IOException e) {
            throw new ToolFailure("cannot read " + option + " " + file + ": " + e.getMessage());
        }
    }

    /**
     * Writes {@code chain} as PEM {@code CERTIFICATE} blocks. The file appears whole or not at all
     * (written beside it, then moved into place), so a script that waits for s2nd's
     * {@code listening on} line never reads half a certificate.
     *
     * @throws ToolFailure if it cannot be written
     */
    static void writeCertificates(Path file, List<X509Certificate> chain) throws ToolFailure {
        StringBuilder pem = new StringBuilder();
        try {
            for (X509Certificate certificate : chain) {
                pem.append(SelfSignedCertificate.pem("CERTIFICATE", certificate.getEncoded()));
            }
        } catch (CertificateEncodingException e) {
            throw new ToolFailure("cannot encode the certificate: " + e.getMessage());
        }
        Path target = file.toAbsolutePath();
        try {
            Path temporary = Files.createTempFile(target.getParent(), ".s2nd-cert", ".tmp");
            try {
                Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new ToolFailure("cannot write --write-cert " + file + ": " + e);
        }
    }
}
