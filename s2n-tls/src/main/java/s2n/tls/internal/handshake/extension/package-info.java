/**
 * TLS extensions: the {@link s2n.tls.internal.handshake.extension.Extensions} block that hello
 * and other handshake messages carry, the {@link s2n.tls.internal.handshake.extension.ExtensionType}
 * code points with the RFC 8446 §4.2 table of where each may appear, and one class per extension,
 * named after its RFC name, with static {@code encode}/{@code decode} over its extension_data.
 *
 * <p>Decoders read with a bounded {@link s2n.tls.internal.codec.Reader}, reject trailing bytes,
 * and throw only {@link s2n.tls.internal.codec.DecodeException}. Values that parse but are not
 * acceptable (an unknown group, a version nobody offered, a record size limit below 64) come back
 * as they are: negotiation decides, and picks the alert through {@code ErrorCode}. Encoders throw
 * {@link IllegalArgumentException} for arguments their own decoder would reject.
 */
package s2n.tls.internal.handshake.extension;
