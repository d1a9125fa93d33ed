package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * #13 item 2 with a peer nobody here wrote: s2nd serves three chains (--cert/--key repeated) and
 * {@code openssl s_client -servername} gets the right one: the chain naming the host exactly
 * before one matching it by wildcard (s2n's rule), the first chain when no name matches or there
 * is no SNI at all.
 */
class SniSelectionTest {
    private static final long WAIT = 30_000;

    @TempDir
    Path tmp;

    /** A self-signed P-256 certificate with {@code cn} as its common name and {@code san} as its one DNS name. */
    private Path[] cert(String file, String cn, String san) throws Exception {
        Path cert = tmp.resolve(file + ".pem");
        Path key = tmp.resolve(file + "-key.pem");
        try (ToolProcess gen = ToolProcess.program("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-subj", "/CN=" + cn, "-addext", "subjectAltName=DNS:" + san, "-days", "2")) {
            assertEquals(0, gen.awaitExit(WAIT), gen.err());
        }
        return new Path[] {cert, key};
    }

    private InProcessServer threeChains() throws Exception {
        Path[] first = cert("default", "default-chain", "default.example");
        Path[] wildcard = cert("wildcard", "wildcard-chain", "*.b.example");
        Path[] exact = cert("exact", "exact-chain", "x.b.example");
        return InProcessServer.start(tmp, "--cert", first[0].toString(), "--key", first[1].toString(),
                "--cert", wildcard[0].toString(), "--key", wildcard[1].toString(),
                "--cert", exact[0].toString(), "--key", exact[1].toString());
    }

    private static String served(InProcessServer server, String... sni) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port()));
        cmd.addAll(List.of(sni));
        try (ToolProcess client = ToolProcess.program(cmd.toArray(new String[0]))) {
            client.input("");
            client.awaitExit(WAIT);
            String out = client.out();
            int at = out.indexOf("subject=CN = ");
            assertTrue(at >= 0, out + client.err());
            return out.substring(at + "subject=CN = ".length()).lines().findFirst().orElse("").strip();
        }
    }

    @ParameterizedTest(name = "SNI {0} gets {1}")
    @CsvSource({"x.b.example, exact-chain", "y.b.example, wildcard-chain", "default.example, default-chain",
        "nothing.example, default-chain"})
    void openSslClientGetsTheChainItsServerNameSelects(String name, String chain) throws Exception {
        Peers.find("openssl", "version").assumePresent();
        try (InProcessServer server = threeChains()) {
            assertEquals(chain, served(server, "-servername", name));
        }
    }

    @Test
    void withoutServerNameTheFirstChainIsServed() throws Exception {
        Peers.find("openssl", "version").assumePresent();
        try (InProcessServer server = threeChains()) {
            assertEquals("default-chain", served(server, "-noservername"));
        }
    }

    /** s2nd --ocsp staples a response to s2nc --status (not a real one: s2nc --insecure does not check it). */
    @Test
    void s2ndStaplesAnOcspResponseToS2ncStatus() throws Exception {
        Path[] one = cert("ocsp", "ocsp-chain", "localhost");
        Path ocsp = tmp.resolve("ocsp.der");
        java.nio.file.Files.write(ocsp, new byte[] {0x30, 0x03, 0x0a, 0x01, 0x00});
        try (InProcessServer server = InProcessServer.start(tmp, "--cert", one[0].toString(), "--key", one[1].toString(),
                "--ocsp", ocsp.toString())) {
            ToolRun asking = ToolRun.s2nc("--insecure", "--status", "--send", "x", "127.0.0.1",
                    Integer.toString(server.port()));
            assertEquals(0, asking.exitCode(), asking.err());
            assertTrue(asking.err().contains("OCSP response: 5 bytes"), asking.err());
            ToolRun notAsking = ToolRun.s2nc("--insecure", "--send", "x", "127.0.0.1",
                    Integer.toString(server.port()));
            assertTrue(notAsking.err().contains("OCSP response: none"), notAsking.err());
        }
        ToolRun selfSigned = ToolRun.s2nd("--ocsp", ocsp.toString(), "0");
        assertEquals(Main.USAGE, selfSigned.exitCode(), selfSigned.err());
    }

    @Test
    void aKeyPerCertificate() throws Exception {
        Path[] one = cert("one", "one", "one.example");
        ToolRun run = ToolRun.s2nd("--cert", one[0].toString(), "--key", one[1].toString(), "--cert", one[0].toString(), "0");
        assertEquals(Main.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("one --key per --cert"), run.err());
    }
}
