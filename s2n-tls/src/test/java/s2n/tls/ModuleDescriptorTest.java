package s2n.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The JPMS module exports only the public API package and needs nothing beyond the JDK. */
class ModuleDescriptorTest {

    @Test
    void exportsOnlyThePublicPackageAndRequiresOnlyJdkModules() throws Exception {
        ModuleDescriptor d;
        // Our own class directory (or jar): the class path holds other modules' descriptors too.
        java.net.URL root = Connection.class.getProtectionDomain().getCodeSource().getLocation();
        try (InputStream in = new java.net.URL(root, "module-info.class").openStream()) {
            d = ModuleDescriptor.read(in);
        }
        assertEquals("s2n.tls", d.name());
        Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("s2n.tls"), exported);
        for (ModuleDescriptor.Requires r : d.requires()) {
            assertTrue(r.name().startsWith("java.") || r.name().startsWith("jdk."), "requires " + r.name());
        }
    }
}
