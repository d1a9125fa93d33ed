package s2n.tls.netty;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes a leaked {@code ByteBuf} fail the test: Netty's leak detector (level paranoid, set by the
 * pom and again here) reports into a list instead of only logging, and after each test we collect
 * garbage, let the detector poll its reference queue (it does so on each allocation) and fail if
 * anything was reported. The factory must be installed before the first {@code ByteBuf} class
 * initialises; every test class registers this extension, whose class initialiser installs it.
 * {@link NettyLeakDetectionSelfTest} proves a leak does fail.
 */
final class Leaks implements BeforeAllCallback, AfterEachCallback {
    private static final List<String> REPORTED = new ArrayList<>();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
                return new Recording<>(resource, samplingInterval);
            }
        });
    }

    private static final class Recording<T> extends ResourceLeakDetector<T> {
        Recording(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record("LEAK: " + resourceType + records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record("LEAK: " + resourceType + " (untraced)");
        }

        private static void record(String leak) {
            synchronized (REPORTED) {
                REPORTED.add(leak);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The class initialiser has run: the factory is in place.
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<String> leaks = collect();
        if (!leaks.isEmpty()) {
            fail(leaks.size() + " ByteBuf leak(s):\n" + String.join("\n", leaks));
        }
    }

    /** Collects garbage, makes the detector look at what was collected, and returns (and forgets) what it reported. */
    static List<String> collect() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(20);
            // Each tracked allocation drains the detector's reference queue.
            for (ByteBufAllocator a : List.of(ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT)) {
                for (int i = 0; i < 4; i++) {
                    ByteBuf b = a.buffer(8);
                    b.release();
                }
            }
            Unpooled.buffer(8).release();
        }
        synchronized (REPORTED) {
            List<String> out = new ArrayList<>(REPORTED);
            REPORTED.clear();
            return out;
        }
    }
}
