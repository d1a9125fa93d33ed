/**
 * The cryptography under the TLS protocol: HKDF and the TLS 1.3 key schedule
 * ({@link s2n.tls.internal.crypto.Hkdf}, {@link s2n.tls.internal.crypto.KeySchedule13}), the TLS 1.2
 * PRF ({@link s2n.tls.internal.crypto.Prf12}), the transcript hash
 * ({@link s2n.tls.internal.crypto.Transcript}), record AEADs ({@link s2n.tls.internal.crypto.Aead}),
 * key shares ({@link s2n.tls.internal.crypto.KeyShare}) and signatures
 * ({@link s2n.tls.internal.crypto.SignatureScheme}), plus the code points that name them.
 *
 * <p>Rules this package keeps:
 * <ul>
 *   <li>Every primitive is looked up in the JCA by algorithm name, never by provider, so a faster
 *       provider installed first (e.g. Amazon Corretto Crypto Provider) takes over without code
 *       changes.
 *   <li>A provider failure that is not the peer's fault is {@code ErrorCode.INTERNAL}; bad peer
 *       input is the ErrorCode the protocol names (ILLEGAL_PARAMETER for key shares, BAD_RECORD_MAC
 *       for records). A missing algorithm that every JDK has (SHA-256, HMAC) is a configuration
 *       error and surfaces as {@link java.lang.IllegalStateException}.
 *   <li>Secrets are {@link s2n.tls.internal.crypto.SecretBytes} or arrays the caller owns and
 *       zeroes. The JCA keeps private copies of keys (a {@code SecretKeySpec} cannot be destroyed
 *       on JDK 17); this package zeroes its own copies and drops its references to the rest.
 *   <li>Record framing, sequence numbers and per-record nonces (IV XOR sequence number, RFC 8446
 *       §5.3) belong to the record layer; {@link s2n.tls.internal.crypto.Aead} takes the nonce it
 *       is given.
 * </ul>
 */
package s2n.tls.internal.crypto;
