package s2n.tls.internal.handshake;

import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;

/** The generic rules every TLS 1.3 extension block obeys (RFC 8446 §4.2). */
final class ExtensionChecks {
    private ExtensionChecks() {}

    /**
     * No duplicates, and every extension we know is one RFC 8446 §4.2 allows in this message
     * ("MUST abort the handshake with an illegal_parameter alert").
     */
    static void checkAllowed(Extensions extensions, int context, String message) throws TlsException {
        int duplicate = extensions.firstDuplicate();
        if (duplicate >= 0) {
            throw ErrorCode.ILLEGAL_PARAMETER.exception(message + " carries " + ExtensionType.name(duplicate) + " twice");
        }
        for (Extensions.Extension e : extensions.list()) {
            if (!ExtensionType.allowedInTls13(e.type(), context)) {
                throw ErrorCode.ILLEGAL_PARAMETER.exception(message + " must not carry " + ExtensionType.name(e.type()));
            }
        }
    }

    /**
     * A response may only carry extensions its request offered (RFC 8446 §4.2: "MUST abort the
     * handshake with an unsupported_extension alert"); {@code exempt} lists the exceptions (the
     * cookie of a HelloRetryRequest).
     */
    static void checkOffered(Extensions response, Extensions request, String message, int... exempt)
            throws TlsException {
        outer:
        for (Extensions.Extension e : response.list()) {
            if (request.contains(e.type())) {
                continue;
            }
            for (int x : exempt) {
                if (x == e.type()) {
                    continue outer;
                }
            }
            throw ErrorCode.UNSUPPORTED_EXTENSION.exception(message + " carries " + ExtensionType.name(e.type())
                    + ", which we did not offer");
        }
    }
}
