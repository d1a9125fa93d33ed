/**
 * Handshake messages as immutable records, each with a static {@code decode(Reader body)} and an
 * {@code encodeBody(Writer)} that is its exact inverse ("decode first, then decide": negotiation
 * works on these records, never on bytes).
 *
 * <p>Decoders take the body without its four-byte header, check every length against the RFC's
 * bounds, reject trailing bytes, and throw only {@link s2n.tls.internal.codec.DecodeException};
 * they never pick alerts and know nothing of connections or crypto. Values that parse but are
 * illegal (a version, an unknown code point, a KeyUpdate of 7) are kept as sent for negotiation to
 * judge. Constructors enforce the same bounds with {@link IllegalArgumentException}, so whatever
 * we build encodes to bytes our own decoder accepts.
 *
 * <p>TLS 1.3 and TLS 1.2 forms that differ on the wire are separate records ({@code Certificate12},
 * {@code CertificateRequest12}, {@code NewSessionTicket12}), because a handshake never mixes them.
 * Records holding arrays compare them by content; arrays are not copied defensively.
 *
 * <p>Most files here are well under the 200-line guideline: one record per message, in its own
 * file, reads better than grouping unrelated messages to reach a size.
 */
package s2n.tls.internal.handshake.message;
