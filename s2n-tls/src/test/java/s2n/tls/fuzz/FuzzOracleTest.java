package s2n.tls.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import s2n.tls.Alert;
import s2n.tls.TlsException;

/** The fuzz targets' oracle ({@link FuzzFixtures#assertPeerCaused}) tells our faults from the peer's. */
class FuzzOracleTest {

    @Test
    void anInternalErrorFailsTheTarget() {
        TlsException ours = new TlsException(TlsException.Type.INTERNAL, Alert.INTERNAL_ERROR,
                "internal error: java.lang.ArrayIndexOutOfBoundsException");
        assertThrows(AssertionError.class, () -> FuzzFixtures.assertPeerCaused(ours));
    }

    @Test
    void theAlertsPeerBytesCallForPass() {
        assertDoesNotThrow(() -> FuzzFixtures.assertPeerCaused(null));
        assertDoesNotThrow(() -> FuzzFixtures.assertPeerCaused(
                new TlsException(TlsException.Type.PROTOCOL, Alert.DECODE_ERROR, "malformed message")));
        assertDoesNotThrow(() -> FuzzFixtures.assertPeerCaused(
                new TlsException(TlsException.Type.ALERT, Alert.HANDSHAKE_FAILURE, "peer sent handshake_failure")));
    }
}
