package s2n.tls.internal.x509;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import s2n.tls.TlsException;
import s2n.tls.internal.ErrorCode;

/**
 * Decides whether a peer's certificate chain leads to a certificate we trust, using the JDK's
 * PKIX path builder (RFC 5280 §6), and says precisely why not when it does not.
 *
 * <pre>{@code
 * CertificateValidator trust = CertificateValidator.forTrustedCertificates(Pem.readCertificates(caPem));
 * trust.validate(peerChain, Instant.now(), true); // throws TlsException with the alert to send
 * }</pre>
 *
 * <p>The chain is taken as TLS delivers it (RFC 8446 §4.4.2): the leaf first, then certificates
 * that may be out of order, may include the root and may include certificates that play no part.
 * A leaf that is itself trusted (a pinned self-signed certificate) is accepted while it is within
 * its validity dates.
 *
 * <p>Revocation is not checked: there is no OCSP or CRL support yet, so a revoked certificate
 * is accepted until it expires. Instances are thread-safe; their trust never changes. Each
 * remembers the chains it accepted (up to {@link #MAX_CACHED_CHAINS}) and accepts the same bytes
 * again without path building while every certificate on the path is within its dates.
 */
public final class CertificateValidator {
    /** s2n's default maximum chain depth, counting the leaf and the trust anchor. */
    public static final int DEFAULT_MAX_CHAIN_DEPTH = 7;

    /**
     * Path building tries the peer's certificates in combinations, so a peer must not be able to
     * hand it an unbounded pile: more than this many received certificates is refused outright.
     */
    static final int MAX_RECEIVED_CERTIFICATES = 32;

    // RFC 5280 §4.2.1.12 key purposes.
    private static final String EKU_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String EKU_ANY = "2.5.29.37.0";
    private static final int KEY_USAGE_DIGITAL_SIGNATURE = 0;

    private static final Object JDK_DEFAULT_LOCK = new Object();
    private static volatile CertificateValidator jdkDefault;

    /**
     * Chains this validator has accepted, so repeat handshakes with the same peer skip PKIX path
     * building (the JDK's TLS likewise skips re-verifying signatures on certificates it has seen).
     * Bounded: when full it is emptied and refills.
     */
    static final int MAX_CACHED_CHAINS = 256;

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> trusted;
    private final Set<X509Certificate> trustedSet; // X509Certificate equality is by encoding
    private final int maxChainDepth;
    // Key: the chain as received (List and X509Certificate equality compare DER encodings, so a
    // hit is the same bytes, with no hash collisions to worry about). Only successes are kept.
    private final Map<List<X509Certificate>, ValidatedPath> validated = new ConcurrentHashMap<>();

    /**
     * A path PKIX accepted for a chain: its length and the window in which every certificate on
     * it is within its dates. Signatures, names and constraints do not change with time, so
     * inside the window the path is still valid; outside it the chain is validated afresh.
     */
    private static final class ValidatedPath {
        final int depth;
        final Instant notBefore;
        final Instant notAfter;

        ValidatedPath(int depth, Instant notBefore, Instant notAfter) {
            this.depth = depth;
            this.notBefore = notBefore;
            this.notAfter = notAfter;
        }

        boolean covers(Instant now) {
            return !now.isBefore(notBefore) && !now.isAfter(notAfter);
        }
    }

    private CertificateValidator(List<X509Certificate> trusted, int maxChainDepth) {
        this.trusted = trusted;
        this.maxChainDepth = maxChainDepth;
        Set<TrustAnchor> set = new LinkedHashSet<>();
        for (X509Certificate cert : trusted) {
            set.add(new TrustAnchor(cert, null));
        }
        this.anchors = Collections.unmodifiableSet(set);
        this.trustedSet = new HashSet<>(trusted);
    }

    /**
     * Trusts exactly {@code roots} (CA certificates, or self-signed leaves to pin).
     *
     * @throws IllegalArgumentException if {@code roots} is empty or holds null
     */
    public static CertificateValidator forTrustedCertificates(Collection<X509Certificate> roots) {
        if (roots == null || roots.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted certificate is required");
        }
        Set<X509Certificate> unique = new LinkedHashSet<>();
        for (X509Certificate root : roots) {
            if (root == null) {
                throw new IllegalArgumentException("trusted certificates must not contain null");
            }
            unique.add(root);
        }
        return new CertificateValidator(List.copyOf(unique), DEFAULT_MAX_CHAIN_DEPTH);
    }

    /**
     * Trusts the trusted-certificate entries of a loaded {@link KeyStore} (a JKS or PKCS#12 trust
     * store); key entries are ignored.
     *
     * @throws IllegalArgumentException if the key store is not loaded or has no trusted certificate
     */
    public static CertificateValidator forKeyStore(KeyStore trustStore) {
        if (trustStore == null) {
            throw new IllegalArgumentException("a trust store is required");
        }
        List<X509Certificate> roots = new ArrayList<>();
        try {
            for (String alias : Collections.list(trustStore.aliases())) {
                if (trustStore.isCertificateEntry(alias)
                        && trustStore.getCertificate(alias) instanceof X509Certificate) {
                    roots.add((X509Certificate) trustStore.getCertificate(alias));
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("the trust store is not loaded; call KeyStore.load first", e);
        }
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("the trust store has no trusted certificate entries");
        }
        return forTrustedCertificates(roots);
    }

    /**
     * Trusts what the JDK trusts by default: {@code cacerts}, or the store named by
     * {@code javax.net.ssl.trustStore}. Loaded once, on first use; later calls are cheap.
     *
     * @throws IllegalStateException if the JDK's default trust store cannot be loaded
     */
    public static CertificateValidator jdkDefault() {
        CertificateValidator validator = jdkDefault;
        if (validator == null) {
            synchronized (JDK_DEFAULT_LOCK) {
                validator = jdkDefault;
                if (validator == null) {
                    validator = loadJdkDefault();
                    jdkDefault = validator;
                }
            }
        }
        return validator;
    }

    private static CertificateValidator loadJdkDefault() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager) {
                    X509Certificate[] issuers = ((X509TrustManager) manager).getAcceptedIssuers();
                    if (issuers.length > 0) {
                        return forTrustedCertificates(Arrays.asList(issuers));
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK's default trust store: " + e.getMessage(), e);
        }
        throw new IllegalStateException("the JDK's default trust store is empty;"
                + " set javax.net.ssl.trustStore or configure trusted certificates explicitly");
    }

    /** The same trust with a different maximum chain depth (s2n_config_set_max_cert_chain_depth). */
    public CertificateValidator withMaxChainDepth(int depth) {
        if (depth < 1 || depth > MAX_RECEIVED_CERTIFICATES) {
            throw new IllegalArgumentException(
                    "chain depth must be 1.." + MAX_RECEIVED_CERTIFICATES + ", got " + depth);
        }
        return depth == maxChainDepth ? this : new CertificateValidator(trusted, depth);
    }

    /** The most certificates a path may hold, leaf and trust anchor included; 7 unless changed. */
    public int maxChainDepth() {
        return maxChainDepth;
    }

    /** The trusted certificates, e.g. to name them in a CertificateRequest's certificate_authorities. */
    public List<X509Certificate> trustedCertificates() {
        return trusted;
    }

    /**
     * Validates the peer's chain (leaf first, as received) at time {@code now}. Revocation is not
     * checked.
     *
     * @param peerIsServer true: the leaf must allow TLS server authentication; false: client
     *     authentication. Either way the extendedKeyUsage is checked only when present, and a
     *     keyUsage, when present, must allow digitalSignature (RFC 8446 §4.4.2.2).
     * @throws TlsException with {@link ErrorCode#CERT_UNTRUSTED} (no path to a trust anchor),
     *     {@link ErrorCode#CERT_EXPIRED} (a certificate on the path expired or is not yet valid),
     *     {@link ErrorCode#CERT_REVOKED}, {@link ErrorCode#CERT_INVALID} (bad signature, basic or
     *     name constraints, path too long, wrong key usage) or {@link ErrorCode#CERT_UNSUPPORTED}
     *     (an algorithm the JDK cannot or will not handle); the message names the certificate
     * @throws IllegalArgumentException if {@code chain} is empty: an empty Certificate message
     *     is the handshake's to reject (RFC 8446 §4.4.2.4)
     */
    public void validate(List<X509Certificate> chain, Instant now, boolean peerIsServer) throws TlsException {
        if (chain == null || chain.isEmpty() || now == null) {
            throw new IllegalArgumentException("a non-empty chain and a time are required");
        }
        for (X509Certificate cert : chain) {
            if (cert == null) {
                throw new IllegalArgumentException("the chain must not contain null");
            }
        }
        if (chain.size() > MAX_RECEIVED_CERTIFICATES) {
            throw ErrorCode.CERT_INVALID.exception("peer sent " + chain.size() + " certificates; at most "
                    + MAX_RECEIVED_CERTIFICATES + " are accepted");
        }
        X509Certificate leaf = chain.get(0);
        int depth;
        ValidatedPath cached = validated.get(chain);
        if (cached != null && cached.covers(now)) {
            depth = cached.depth;
        } else if (trustedSet.contains(leaf)) {
            checkDates(leaf, now); // a trust anchor's dates are outside PKIX (RFC 5280 §6.1.1), so check here
            depth = 1;
        } else {
            List<X509Certificate> path = buildPath(chain, now);
            depth = path.size() + 1; // + the trust anchor
            remember(chain, path, depth);
        }
        if (depth > maxChainDepth) {
            throw ErrorCode.CERT_INVALID.exception("certificate chain of " + describe(leaf) + " is " + depth
                    + " certificates deep; at most " + maxChainDepth + " are allowed");
        }
        checkLeafUsage(leaf, peerIsServer);
    }

    private void remember(List<X509Certificate> chain, List<X509Certificate> path, int depth) {
        Instant notBefore = Instant.MIN;
        Instant notAfter = Instant.MAX;
        for (X509Certificate cert : path) {
            Instant from = cert.getNotBefore().toInstant();
            Instant until = cert.getNotAfter().toInstant();
            notBefore = from.isAfter(notBefore) ? from : notBefore;
            notAfter = until.isBefore(notAfter) ? until : notAfter;
        }
        if (validated.size() >= MAX_CACHED_CHAINS) {
            validated.clear();
        }
        validated.put(List.copyOf(chain), new ValidatedPath(depth, notBefore, notAfter));
    }

    /** How many validated chains are remembered (test seam). */
    int cachedChains() {
        return validated.size();
    }

    /** The path from the leaf up to (not including) the trust anchor, or the exception that explains its absence. */
    private List<X509Certificate> buildPath(List<X509Certificate> chain, Instant now) throws TlsException {
        Date date = Date.from(now);
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(chain.get(0));
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(date);
            // Intermediates only; a longer path is found by the diagnosis and refused with its real length.
            parameters.setMaxPathLength(Math.max(0, maxChainDepth - 2));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            PKIXCertPathBuilderResult result =
                    (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            return x509List(result.getCertPath().getCertificates());
        } catch (CertPathBuilderException e) {
            return diagnose(chain, now, date);
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw ErrorCode.INTERNAL.exception("the JDK's PKIX path builder is unavailable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw ErrorCode.CERT_INVALID.exception(
                    "could not build a path for " + describe(chain.get(0)) + ": " + e, e);
        }
    }

    /**
     * The builder found no path. Walk the chain the way the peer presumably meant it, issuer by
     * issuer, and name the first thing wrong: an untrusted end, a date, then whatever the JDK's
     * path validator objects to. If the validator accepts the walked path, it is the path.
     */
    private List<X509Certificate> diagnose(List<X509Certificate> chain, Instant now, Date date) throws TlsException {
        X509Certificate leaf = chain.get(0);
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        X509Certificate current = leaf;
        boolean anchored = false;
        while (true) {
            if (issuerAmong(current, trusted) != null) {
                anchored = true;
                break;
            }
            if (isSelfIssued(current) || path.size() >= chain.size()) {
                break;
            }
            List<X509Certificate> unused = new ArrayList<>(chain);
            unused.removeAll(path);
            X509Certificate issuer = issuerAmong(current, unused);
            if (issuer == null) {
                break;
            }
            path.add(issuer);
            current = issuer;
        }
        if (!anchored) {
            if (current == leaf && isSelfIssued(leaf)) {
                throw ErrorCode.CERT_UNTRUSTED.exception(
                        "certificate " + describe(leaf) + " is self-signed and not trusted");
            }
            if (isSelfIssued(current)) {
                throw ErrorCode.CERT_UNTRUSTED.exception("certificate chain of " + describe(leaf) + " ends at "
                        + describe(current) + ", which is not trusted");
            }
            throw ErrorCode.CERT_UNTRUSTED.exception("certificate " + describe(current) + " was issued by "
                    + current.getIssuerX500Principal().getName() + ", which is neither trusted nor in the chain");
        }
        for (X509Certificate cert : path) {
            checkDates(cert, now);
        }
        validatePath(path, date);
        return path;
    }

    /** Runs the JDK's PKIX validator over a path we assembled, translating its verdict. */
    private void validatePath(List<X509Certificate> path, Date date) throws TlsException {
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(date);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            int index = e.getIndex();
            X509Certificate culprit = index >= 0 && index < path.size() ? path.get(index) : path.get(0);
            throw translate(e, culprit);
        } catch (GeneralSecurityException e) {
            throw ErrorCode.INTERNAL.exception("the JDK's PKIX path validator is unavailable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw ErrorCode.CERT_INVALID.exception("could not validate " + describe(path.get(0)) + ": " + e, e);
        }
    }

    private static TlsException translate(CertPathValidatorException e, X509Certificate culprit) {
        CertPathValidatorException.Reason reason = e.getReason();
        String subject = "certificate " + describe(culprit);
        if (reason == BasicReason.EXPIRED || hasCause(e, CertificateExpiredException.class)) {
            return ErrorCode.CERT_EXPIRED.exception(subject + " expired on " + culprit.getNotAfter().toInstant(), e);
        }
        if (reason == BasicReason.NOT_YET_VALID || hasCause(e, CertificateNotYetValidException.class)) {
            return ErrorCode.CERT_EXPIRED.exception(subject + " is not valid until "
                    + culprit.getNotBefore().toInstant(), e);
        }
        if (reason == BasicReason.REVOKED) {
            return ErrorCode.CERT_REVOKED.exception(subject + " is revoked", e);
        }
        if (reason == BasicReason.INVALID_SIGNATURE) {
            return ErrorCode.CERT_INVALID.exception("signature on " + subject + " does not verify with the key of "
                    + culprit.getIssuerX500Principal().getName(), e);
        }
        if (reason == BasicReason.ALGORITHM_CONSTRAINED || hasCause(e, NoSuchAlgorithmException.class)
                || hasCause(e, InvalidKeyException.class) || hasCause(e, NoSuchProviderException.class)) {
            return ErrorCode.CERT_UNSUPPORTED.exception(subject + " uses an algorithm this JDK cannot or will not"
                    + " verify: " + rootCauseMessage(e), e);
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            return ErrorCode.CERT_UNTRUSTED.exception(subject + " does not lead to a trusted certificate", e);
        }
        if (reason == PKIXReason.NOT_CA_CERT) {
            return ErrorCode.CERT_INVALID.exception(subject + " is not a CA certificate but issued another", e);
        }
        if (reason == PKIXReason.INVALID_KEY_USAGE) {
            return ErrorCode.CERT_INVALID.exception(subject + " may not be used this way (" + e.getMessage() + ")", e);
        }
        if (reason == PKIXReason.PATH_TOO_LONG) {
            return ErrorCode.CERT_INVALID.exception(subject + " is below more CAs than a basicConstraints"
                    + " pathLenConstraint allows", e);
        }
        return ErrorCode.CERT_INVALID.exception(subject + " is not valid: " + e.getMessage(), e);
    }

    /** RFC 5280 §4.2.1.12 and RFC 8446 §4.4.2.2: the leaf's key must be meant for this use. */
    private static void checkLeafUsage(X509Certificate leaf, boolean peerIsServer) throws TlsException {
        List<String> purposes;
        try {
            purposes = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw ErrorCode.CERT_INVALID.exception("certificate " + describe(leaf)
                    + " has a malformed extendedKeyUsage extension", e);
        }
        String wanted = peerIsServer ? EKU_SERVER_AUTH : EKU_CLIENT_AUTH;
        if (purposes != null && !purposes.contains(wanted) && !purposes.contains(EKU_ANY)) {
            throw ErrorCode.CERT_INVALID.exception("certificate " + describe(leaf) + " is not valid for TLS "
                    + (peerIsServer ? "server" : "client") + " authentication (its extendedKeyUsage lacks "
                    + (peerIsServer ? "serverAuth" : "clientAuth") + ")");
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null
                && (keyUsage.length <= KEY_USAGE_DIGITAL_SIGNATURE || !keyUsage[KEY_USAGE_DIGITAL_SIGNATURE])) {
            throw ErrorCode.CERT_INVALID.exception("certificate " + describe(leaf)
                    + " may not sign (its keyUsage lacks digitalSignature)");
        }
    }

    private static void checkDates(X509Certificate cert, Instant now) throws TlsException {
        Instant notAfter = cert.getNotAfter().toInstant();
        Instant notBefore = cert.getNotBefore().toInstant();
        if (now.isAfter(notAfter)) {
            throw ErrorCode.CERT_EXPIRED.exception("certificate " + describe(cert) + " expired on " + notAfter);
        }
        if (now.isBefore(notBefore)) {
            throw ErrorCode.CERT_EXPIRED.exception(
                    "certificate " + describe(cert) + " is not valid until " + notBefore);
        }
    }

    /**
     * The certificate among {@code candidates} that issued {@code cert}: one whose subject is the
     * issuer's name and whose key verifies the signature, or failing that one with the name only
     * (so the validator can then report the bad signature).
     */
    private static X509Certificate issuerAmong(X509Certificate cert, List<X509Certificate> candidates) {
        X509Certificate byName = null;
        for (X509Certificate candidate : candidates) {
            if (!candidate.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                continue;
            }
            try {
                cert.verify(candidate.getPublicKey());
                return candidate;
            } catch (GeneralSecurityException | RuntimeException e) {
                if (byName == null) {
                    byName = candidate;
                }
            }
        }
        return byName;
    }

    /** The innermost message, which names the algorithm ("1.2.3.4 Signature not available"). */
    private static String rootCauseMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    private static boolean isSelfIssued(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** How messages name a certificate: its subject, or its serial number when the subject is empty. */
    static String describe(X509Certificate cert) {
        String subject = cert.getSubjectX500Principal().getName();
        return subject.isEmpty() ? "with serial " + cert.getSerialNumber().toString(16) : subject;
    }

    private static List<X509Certificate> x509List(List<? extends Certificate> certificates) {
        List<X509Certificate> out = new ArrayList<>(certificates.size());
        for (Certificate cert : certificates) {
            out.add((X509Certificate) cert);
        }
        return out;
    }

    @Override
    public String toString() {
        return "CertificateValidator[" + trusted.size() + " trusted certificates, max chain depth "
                + maxChainDepth + "]";
    }
}
