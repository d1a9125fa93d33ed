package s2n.tls.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The JPMS module {@code s2n.tls.netty} exports only its package, and resolves on a module path
 * with the core and Netty's own named modules (the tests themselves run on the class path): a
 * layer built from it loads and links {@link S2nSslHandler}.
 */
class NettyModuleTest {
    private static Path ownRoot() throws Exception {
        return Path.of(S2nSslHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void exportsOnlyItsPackage() throws Exception {
        ModuleDescriptor d;
        URL root = S2nSslHandler.class.getProtectionDomain().getCodeSource().getLocation();
        try (InputStream in = new URL(root, "module-info.class").openStream()) {
            d = ModuleDescriptor.read(in);
        }
        assertEquals("s2n.tls.netty", d.name());
        assertEquals(Set.of("s2n.tls.netty"), d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        Set<String> required = d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertEquals(Set.of("java.base", "s2n.tls", "io.netty.buffer", "io.netty.common", "io.netty.transport", "io.netty.codec"),
                required);
    }

    @Test
    void resolvesAndLinksOnTheModulePath() throws Exception {
        // The core and Netty, from the test class path; only named (explicit) modules are needed.
        List<Path> path = new ArrayList<>();
        path.add(ownRoot());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            boolean core = p.endsWith(Path.of("s2n-tls", "target", "classes")) || name.matches("s2n-tls-\\d.*\\.jar");
            if ((core || name.startsWith("netty-")) && Files.exists(p)) {
                path.add(p);
            }
        }
        ModuleFinder finder = ModuleFinder.of(path.toArray(new Path[0]));
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of("s2n.tls.netty"));
        Set<String> resolved = cf.modules().stream().map(ResolvedModule::name).collect(Collectors.toSet());
        assertTrue(resolved.containsAll(Set.of("s2n.tls.netty", "s2n.tls", "io.netty.codec", "io.netty.transport")), resolved.toString());
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        Class<?> handler = Class.forName("s2n.tls.netty.S2nSslHandler", true, layer.findLoader("s2n.tls.netty"));
        assertEquals("s2n.tls.netty", handler.getModule().getName());
        assertEquals("io.netty.codec", handler.getSuperclass().getModule().getName());
    }
}
