package s2n.tls.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Debian's Chromium, headless and in its default TLS configuration, pointed at a test server's page
 * (s2nd's in the tools' tests, Jetty's in the JSSE tests): it trusts exactly the key in the server's
 * certificate
 * ({@code --ignore-certificate-errors-spki-list} with the key's SHA-256) and nothing else, and runs
 * with a fresh profile and without the background traffic this machine's closed network refuses.
 */
public final class HeadlessChromium {
    /** How long one Chromium run (a page load and its exit) may take. */
    public static final long MILLIS = 90_000;

    private HeadlessChromium() {}

    /**
     * The command line that loads {@code https://localhost:PORT/} and does {@code action}
     * ({@code --dump-dom}, or {@code --screenshot=FILE} with a window size), trusting the first
     * certificate of the PEM file {@code certificate}.
     */
    public static String[] command(Path profiles, Path certificate, int port, String... action) throws Exception {
        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificate)))
                .iterator().next();
        return command(profiles, leaf, port, action);
    }

    /** As {@link #command(Path, Path, int, String...)}, trusting {@code leaf}'s key. */
    public static String[] command(Path profiles, X509Certificate leaf, int port, String... action) throws Exception {
        String spki = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(leaf.getPublicKey().getEncoded()));
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profiles.resolve("profile-" + System.nanoTime()),
                "--ignore-certificate-errors-spki-list=" + spki,
                "--host-resolver-rules=MAP localhost 127.0.0.1"));
        command.addAll(List.of(action));
        command.add("https://localhost:" + port + "/");
        return command.toArray(new String[0]);
    }

    /**
     * Checks that a {@code --window-size=900,600} screenshot shows rendered text, not an error
     * page's blank or grey: dark pixels on a mostly white page, in the top-left quarter.
     */
    public static void assertRenderedPage(Path screenshot) throws Exception {
        assertTrue(Files.exists(screenshot), "no screenshot at " + screenshot);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(screenshot)));
        assertTrue(image != null, "the screenshot is not a PNG the JDK can decode");
        assertEquals(900, image.getWidth());
        assertEquals(600, image.getHeight());
        int dark = 0;
        int white = 0;
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 450; x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                int luminance = ((rgb >> 16) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
                dark += luminance < 96 ? 1 : 0;
                white += luminance > 245 ? 1 : 0;
            }
        }
        assertTrue(white > 450 * 300 / 2, "mostly white page expected, white pixels: " + white);
        assertTrue(dark > 1000, "the page's text should be there, dark pixels: " + dark);
    }
}
