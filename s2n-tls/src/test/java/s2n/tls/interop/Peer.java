package s2n.tls.interop;

import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * An interop peer program found (or not) on this machine, with the version it reports. Tests
 * call {@link #require()} first: a missing peer skips the test with a reason, unless
 * {@code S2N_REQUIRE_PEERS=1} (set by {@code .ci/run}) makes it a failure, because in CI a skip
 * would hide a gap.
 *
 * <pre>{@code
 * @DisplayNameGeneration(Peer.OpenSslNames.class)   // "OpenSSL 3.0.19: ourClientToOpenSslServer"
 * class InteropOpenSslTest {
 *     @BeforeEach void peer() { Peer.OPENSSL.require(); }
 * }
 * }</pre>
 */
final class Peer {
    /** Set to 1 where every peer must be present (CI): a missing one fails instead of skipping. */
    static final String REQUIRE_PEERS_VARIABLE = "S2N_REQUIRE_PEERS";

    static final Peer OPENSSL = probe("openssl", "OpenSSL", "openssl", "version");
    /** GnuTLS's client; {@code .ci/run} installs gnutls-bin. */
    static final Peer GNUTLS_CLI = probe("gnutls-cli", "GnuTLS", "gnutls-cli", "--version");
    /** GnuTLS's server, from the same package as {@link #GNUTLS_CLI}. */
    static final Peer GNUTLS_SERV = probe("gnutls-serv", "GnuTLS", "gnutls-serv", "--version");
    static final Peer CURL = probe("curl", "curl", "curl", "--version");
    /** The JDK running the tests: always present. */
    static final Peer JDK = new Peer("java", "JDK " + Runtime.version(), null);

    private final String program;
    private final String version;
    private final String absentReason;

    private Peer(String program, String version, String absentReason) {
        this.program = program;
        this.version = version;
        this.absentReason = absentReason;
    }

    /**
     * Runs {@code versionCommand} and keeps {@code label} plus the version number it prints
     * ("OpenSSL 3.0.19"); the peer is absent if the program cannot be run or says nothing.
     */
    private static Peer probe(String program, String label, String... versionCommand) {
        String command = "'" + String.join(" ", versionCommand) + "'";
        try (PeerProcess p = PeerProcess.start(Path.of("").toAbsolutePath(), versionCommand)) {
            p.closeStdin();
            int exit = p.awaitExit();
            String out = p.stdout() + p.stderr();
            String number = versionNumber(out);
            if (exit != 0 || number == null) {
                return new Peer(program, null, command + " exited " + exit + ": " + out.strip());
            }
            return new Peer(program, label + " " + number, null);
        } catch (UncheckedIOException e) {
            return new Peer(program, null, program + " is not installed (" + e.getCause().getMessage() + ")");
        } catch (AssertionError e) {
            return new Peer(program, null, command + " did not finish");
        }
    }

    /** The first token of the first line that looks like a version number ("3.0.19", "7.88.1"). */
    static String versionNumber(String versionOutput) {
        String firstLine = versionOutput.strip().split("\\R", 2)[0];
        for (String token : firstLine.split("\\s+")) {
            if (token.matches("\\d+(\\.\\d+)+[\\w.-]*")) {
                return token;
            }
        }
        return null;
    }

    /** The program to run ("openssl"). */
    String program() {
        return program;
    }

    /** Whether the program runs here. */
    boolean present() {
        return version != null;
    }

    /** "OpenSSL 3.0.19", or "openssl (absent)": what test names show. */
    String displayName() {
        return present() ? version : program + " (absent)";
    }

    /**
     * Skips the calling test (visibly, with the reason) when the peer is absent, or fails it when
     * {@code S2N_REQUIRE_PEERS=1}.
     */
    void require() {
        if (present()) {
            return;
        }
        String reason = "interop peer " + program + " unavailable: " + absentReason;
        if ("1".equals(System.getenv(REQUIRE_PEERS_VARIABLE))) {
            Assertions.fail(reason + "; " + REQUIRE_PEERS_VARIABLE + "=1 requires every peer"
                    + " (.ci/run installs them: apt-get install openssl gnutls-bin curl)");
        }
        Assumptions.abort(reason + " (set " + REQUIRE_PEERS_VARIABLE + "=1 to make this a failure)");
    }

    @Override
    public String toString() {
        return displayName();
    }

    /** Test names that start with the peer and its version, so a report says what was tested against. */
    abstract static class Names extends DisplayNameGenerator.Standard {
        private final Peer peer;

        Names(Peer peer) {
            this.peer = peer;
        }

        @Override
        public String generateDisplayNameForMethod(Class<?> testClass, Method testMethod) {
            return peer.displayName() + ": " + testMethod.getName();
        }
    }

    /** "OpenSSL 3.0.19: methodName". */
    static final class OpenSslNames extends Names {
        OpenSslNames() {
            super(OPENSSL);
        }
    }

    /** "JDK 17.0.15+6: methodName". */
    static final class JdkNames extends Names {
        JdkNames() {
            super(JDK);
        }
    }

    /** "GnuTLS 3.7.9: methodName" (gnutls-cli's version; gnutls-serv comes from the same package). */
    static final class GnuTlsNames extends Names {
        GnuTlsNames() {
            super(GNUTLS_CLI);
        }
    }

    /** "curl 7.88.1: methodName". */
    static final class CurlNames extends Names {
        CurlNames() {
            super(CURL);
        }
    }
}
