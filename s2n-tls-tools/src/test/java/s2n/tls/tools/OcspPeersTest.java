package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * #13 item 9: {@code openssl s_client -status} sees the OCSP response {@code s2nd --ocsp} staples,
 * a real one that {@code openssl ocsp} signed, and {@code s2nc --status} (which checks it) takes it.
 */
class OcspPeersTest {
    private static final long WAIT = 30_000;

    @TempDir
    Path tmp;

    private void openssl(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try (ToolProcess p = ToolProcess.program(cmd)) {
            assertEquals(0, p.awaitExit(WAIT), String.join(" ", cmd) + "\n" + p.err());
        }
    }

    @ParameterizedTest(name = "s_client {0} -status against s2nd --ocsp")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void openSslClientSeesTheResponseS2ndStaples(String version) throws Exception {
        Peers.find("openssl", "version").assumePresent();
        String ca = tmp.resolve("ca.pem").toString();
        String caKey = tmp.resolve("ca-key.pem").toString();
        String leaf = tmp.resolve("leaf.pem").toString();
        String leafKey = tmp.resolve("leaf-key.pem").toString();
        Path ext = Files.writeString(tmp.resolve("leaf.ext"), "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n");
        Path index = Files.writeString(tmp.resolve("index.txt"), "V\t301231235959Z\t\t1234\tunknown\t/CN=localhost\n");
        String request = tmp.resolve("request.der").toString();
        String response = tmp.resolve("ocsp.der").toString();
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", caKey, "-out", ca,
                "-subj", "/CN=OCSP Tools CA", "-days", "2", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", leafKey,
                "-out", tmp.resolve("leaf.csr").toString(), "-subj", "/CN=localhost");
        openssl("x509", "-req", "-in", tmp.resolve("leaf.csr").toString(), "-CA", ca, "-CAkey", caKey, "-set_serial", "4660",
                "-out", leaf, "-days", "2", "-extfile", ext.toString());
        openssl("ocsp", "-issuer", ca, "-cert", leaf, "-no_nonce", "-reqout", request);
        openssl("ocsp", "-index", index.toString(), "-CA", ca, "-rsigner", ca, "-rkey", caKey, "-reqin", request,
                "-respout", response, "-ndays", "1");
        try (InProcessServer server = InProcessServer.start(tmp, "--www", "--cert", leaf, "--key", leafKey, "--ocsp", response)) {
            List<String> cmd = List.of("openssl", "s_client", version, "-connect", "127.0.0.1:" + server.port(),
                    "-servername", "localhost", "-CAfile", ca, "-verify_return_error", "-status", "-ign_eof");
            try (ToolProcess client = ToolProcess.program(cmd.toArray(new String[0]))) {
                client.input("GET / HTTP/1.0\r\n\r\n");
                assertEquals(0, client.awaitExit(WAIT), client.out() + client.err());
                assertTrue(client.out().contains("OCSP Response Status: successful"), client.out());
                assertTrue(client.out().contains("Cert Status: good"), client.out());
            }
            ToolRun s2nc = ToolRun.s2nc("--ca-file", ca, "--name", "localhost", "--status", "--send", "GET / HTTP/1.0\r\n",
                    "127.0.0.1", Integer.toString(server.port()));
            assertEquals(0, s2nc.exitCode(), s2nc.err());
            assertTrue(s2nc.err().contains("OCSP response: " + Files.size(Path.of(response)) + " bytes"), s2nc.err());
        }
    }
}
