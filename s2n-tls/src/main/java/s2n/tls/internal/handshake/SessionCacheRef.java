package s2n.tls.internal.handshake;

/** Deleting a TLS 1.2 session from the application's cache without letting its failure hide ours. */
final class SessionCacheRef {
    private SessionCacheRef() {}

    /** Deletes {@code sessionId} from the cache, if there is one and the ID is not empty; a failing cache is ignored. */
    static void delete(Resumption resumption, byte[] sessionId) {
        if (resumption.cache() == null || sessionId == null || sessionId.length == 0) {
            return;
        }
        try {
            resumption.cache().delete(sessionId.clone());
        } catch (RuntimeException e) {
            // The handshake already failed for its own reason; the cache's trouble is not that reason.
        }
    }
}
