package s2n.tls.netty;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The leak check the other tests rely on does catch a ByteBuf that is never released. */
@ExtendWith(Leaks.class)
class NettyLeakDetectionSelfTest {
    @Test
    void anUnreleasedBufferIsReported() throws Exception {
        leakOne();
        List<String> leaks = List.of();
        for (int i = 0; i < 20 && leaks.isEmpty(); i++) {
            leaks = Leaks.collect();
        }
        assertFalse(leaks.isEmpty(), "the leak detector did not report a buffer that was never released");
    }

    private static void leakOne() {
        ByteBufAllocator.DEFAULT.buffer(64).writeLong(42);
    }
}
