package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import s2n.tls.testing.MlKemAssumption;

/**
 * Every policy name has a checked-in snapshot ({@code src/test/resources/policy-snapshots/NAME}),
 * and the description this library generates must equal it byte for byte: a dated policy can
 * never drift, and an alias that moves, or an omission that appears or goes away, shows up as a
 * deliberate change to a snapshot file. (s2n-tls keeps such snapshots in
 * {@code tests/policy_snapshot/snapshots}; ours list the same contents under IANA names.)
 *
 * <p>The snapshots are written as a runtime without ML-KEM sees them (JDK 17), where the hybrid
 * groups are listed as not served. On a runtime with ML-KEM (JDK 24+) those lines, and only those,
 * must be gone.
 */
class PolicySnapshotTest {
    private static final String DIRECTORY = "/policy-snapshots/";

    static Stream<String> names() {
        return SecurityPolicy.names().stream();
    }

    @ParameterizedTest(name = "snapshot of {0}")
    @MethodSource("names")
    void descriptionMatchesSnapshot(String name) throws IOException {
        assertEquals(expectedOnThisRuntime(snapshot(name)), SecurityPolicy.named(name).description(),
                "policy " + name + " differs from its snapshot; if the change is deliberate, update "
                        + "src/test/resources/policy-snapshots/" + name);
    }

    @Test
    void everySnapshotBelongsToAPolicy() throws IOException, URISyntaxException {
        URL url = PolicySnapshotTest.class.getResource(DIRECTORY);
        assertNotNull(url, "snapshot directory missing from the test class path");
        Set<String> files;
        try (Stream<Path> list = Files.list(Paths.get(url.toURI()))) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(SecurityPolicy.names()), files, "a snapshot without a policy, or the reverse");
    }

    @Test
    void anAliasHasItsDatedPolicysContents() throws IOException {
        for (String name : SecurityPolicy.names()) {
            SecurityPolicy p = SecurityPolicy.named(name);
            if (!p.isAlias()) {
                continue;
            }
            List<String> alias = snapshot(name).lines().skip(2).collect(Collectors.toList());
            List<String> dated = snapshot(p.resolvedName()).lines().skip(1).collect(Collectors.toList());
            assertEquals(dated, alias, name + " and " + p.resolvedName());
        }
    }

    /** The snapshot as this runtime must describe it: without the ML-KEM omissions where ML-KEM exists. */
    static String expectedOnThisRuntime(String snapshot) {
        if (!MlKemAssumption.AVAILABLE) {
            return snapshot;
        }
        List<String> lines = snapshot.lines()
                .filter(l -> !(l.startsWith("- group ") && l.contains("needs ML-KEM through javax.crypto.KEM")))
                .collect(Collectors.toList());
        String last = lines.get(lines.size() - 1);
        if (last.equals("not served by this library:")) {
            lines.remove(lines.size() - 1);
        }
        return lines.stream().map(l -> l + "\n").collect(Collectors.joining());
    }

    private static String snapshot(String name) throws IOException {
        try (InputStream in = PolicySnapshotTest.class.getResourceAsStream(DIRECTORY + name)) {
            assertNotNull(in, "no snapshot for policy " + name + " in src/test/resources" + DIRECTORY);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
