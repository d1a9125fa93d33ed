package s2n.tls.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ManyConnectionsMain} run small: 200 connections per library, spread over two server/client
 * pairs of child processes (as 100,000 are when the open-file limit is too low for one process),
 * on 127.0.0.1 and 127.0.0.2, ports picked by the system. It checks what the report claims: every
 * connection completed a TLS 1.3 handshake, each server holds a TLS connection object for each,
 * they were all still open and idle when measured, and the section renders. No timing is asserted.
 */
class ManyConnectionsHarnessTest {
    private static final int COUNT = 200;

    @TempDir
    Path work;

    @Test
    void s2nHoldsEveryConnectionOverS2ndNonBlocking() throws Exception {
        ManyConnectionsMain.Result r = runSmall("s2n");
        assertHeldAndRendered(r);
    }

    @Test
    void jdkHoldsEveryConnectionOverItsSelectorServer() throws Exception {
        ManyConnectionsMain.Result r = runSmall("jdk");
        assertHeldAndRendered(r);
    }

    private ManyConnectionsMain.Result runSmall(String library) throws Exception {
        ManyConnectionsMain.Result r = ManyConnectionsMain.run(new ManyConnectionsMain.Options(library, COUNT,
                COUNT / 2, 2, 8, 120, "256m", work.resolve(library)));
        assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(),
                "every child process is stopped when the run returns");
        return r;
    }

    private static void assertHeldAndRendered(ManyConnectionsMain.Result r) {
        assertEquals(COUNT, r.reached(), "handshakes completed");
        assertEquals(COUNT, r.tls13(), "TLS 1.3 handshakes");
        assertEquals(COUNT, r.open(), "connections still open after both pairs were measured");
        assertEquals(0, r.unexpectedBytes(), "idle connections receive no application data");
        assertEquals(2, r.processes());
        assertEquals(COUNT, r.serverConnectionObjects(), "TLS connections the servers hold after a full GC");
        assertTrue(r.serverBytes() > 0 && r.clientBytes() > 0, "retained heap measured on both sides");
        assertTrue(r.p99Millis() >= r.p50Millis() && r.p50Millis() > 0);

        String section = ManyConnectionsReport.render(List.of(r), List.of("CPU: test"), List.of());
        assertTrue(section.startsWith(ManyConnectionsReport.BEGIN) && section.endsWith(ManyConnectionsReport.END + "\n"));
        assertTrue(section.contains("| " + r.library() + " | 200 of 200 | 2 |"), section);
        String doc = "# Performance\n\n" + section + "\n## Retained heap per connection, bytes\n";
        ManyConnectionsMain.Result again = ManyConnectionsMain.Result.parse(r.tsv());
        String respliced = ManyConnectionsReport.splice(doc, ManyConnectionsReport.render(List.of(again, again),
                List.of(), List.of()));
        int begin = respliced.indexOf(ManyConnectionsReport.BEGIN);
        assertTrue(begin >= 0 && begin == respliced.lastIndexOf(ManyConnectionsReport.BEGIN), "the old section is replaced");
        assertTrue(respliced.endsWith("## Retained heap per connection, bytes\n"));
    }
}
