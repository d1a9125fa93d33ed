package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl (with whatever TLS library it was built on) fetches s2nd's {@code --www} page over TLS 1.3,
 * trusting only the certificate s2nd wrote. The test names carry curl's version.
 */
class CurlInteropTest {
    private static final int CURL_MAX_SECONDS = 30;

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> curlFetchesWwwPage() throws Exception {
        Peers.Peer curl = Peers.find("curl", "--version");
        if (!curl.present()) {
            // One test that skips with the reason (or fails under S2N_REQUIRE_PEERS=1), so the gap shows.
            return Stream.of(DynamicTest.dynamicTest("curlFetchesWwwPage_curl_absent", curl::assumePresent));
        }
        // "curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.19 zlib/1.2.13 ..."
        String[] words = curl.banner().split(" ");
        String version = words.length > 1 ? words[1] : "unknown";
        String tlsLibrary = Stream.of(words).filter(w -> w.contains("/") && !w.startsWith("libcurl/"))
                .findFirst().orElse("unknown TLS library");
        return Stream.of(
                DynamicTest.dynamicTest("curlFetchesWwwPage_curl_" + version + " (" + tlsLibrary + ")",
                        () -> fetch(List.of("--www"))),
                DynamicTest.dynamicTest("curlFetchesWwwPageFromNonBlockingServer_curl_" + version,
                        () -> fetch(List.of("--www", "--non-blocking"))),
                DynamicTest.dynamicTest("curlHeadGetsHeadersOnly_curl_" + version, this::head));
    }

    private void fetch(List<String> options) throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, options.toArray(new String[0]))) {
            Path page = tmp.resolve("page-" + System.nanoTime() + ".html");
            try (ToolProcess curl = ToolProcess.program(curl(server, "--output", page.toString(),
                    "--write-out", "%{http_code} HTTP/%{http_version}"))) {
                assertEquals(0, curl.awaitExit(CURL_MAX_SECONDS * 1000L + 10_000), curl.err());
                assertEquals("200 HTTP/1.1", curl.out());
            }
            String body = Files.readString(page, StandardCharsets.UTF_8);
            assertTrue(body.startsWith("<!DOCTYPE html>"), body);
            assertTrue(body.contains("Actual protocol version: TLSv1.3\n"), body);
            assertTrue(body.contains("Server name: localhost\n"), body); // curl sent SNI
            assertTrue(body.contains("Cipher negotiated: TLS_"), body);
            server.stop();
            assertEquals("", server.err());
        }
    }

    private void head() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp, "--www")) {
            try (ToolProcess curl = ToolProcess.program(curl(server, "--head"))) {
                assertEquals(0, curl.awaitExit(CURL_MAX_SECONDS * 1000L + 10_000), curl.err());
                List<String> head = curl.out().lines().toList();
                assertEquals("HTTP/1.1 200 OK", head.get(0));
                assertTrue(head.contains("Content-Type: text/html; charset=utf-8"), head.toString());
                assertTrue(head.contains("Connection: close"), head.toString());
            }
        }
    }

    /** curl, TLS 1.3 only, trusting only s2nd's certificate, with localhost pinned to 127.0.0.1. */
    private static String[] curl(InProcessServer server, String... extra) {
        String port = Integer.toString(server.port());
        List<String> command = new java.util.ArrayList<>(List.of("curl", "--silent", "--show-error", "--fail",
                "--tlsv1.3", "--max-time", Integer.toString(CURL_MAX_SECONDS),
                "--cacert", server.certificate().toString(),
                "--resolve", "localhost:" + port + ":127.0.0.1"));
        command.addAll(List.of(extra));
        command.add("https://localhost:" + port + "/");
        return command.toArray(new String[0]);
    }
}
