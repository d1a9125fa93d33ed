package s2n.tls;

import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import s2n.tls.internal.handshake.HandshakeReassembler;
import s2n.tls.internal.resumption.TicketKeys;
import s2n.tls.internal.x509.CertificateValidator;
import s2n.tls.internal.x509.Pem;

/**
 * How connections behave: security policy, certificates, trust, ALPN (s2n's {@code s2n_config}).
 * Immutable once built and safe to share between any number of connections and threads; build one
 * per kind of connection and reuse it.
 *
 * <pre>{@code
 * Config server = Config.builder()
 *         .securityPolicy("default_tls13")
 *         .certificateChainAndKey(CertificateChainAndKey.fromPem(chainPem, keyPem))
 *         .applicationProtocols("h2", "http/1.1")
 *         .build();
 *
 * Config client = Config.builder()
 *         .trustPem(caPem)                 // in addition to the JDK's default trust store
 *         .build();
 * }</pre>
 */
public final class Config {
    /** s2n's S2N_DEFAULT_BLINDING_MAX: delays are then uniform in [10 s, 30 s]. */
    static final Duration DEFAULT_MAX_BLINDING_DELAY = Duration.ofSeconds(30);
    /** s2n's S2N_TICKET_ENCRYPT_DECRYPT_KEY_LIFETIME_IN_NANOS. */
    static final Duration DEFAULT_ENCRYPT_DECRYPT_LIFETIME = Duration.ofHours(2);
    /** s2n's S2N_TICKET_DECRYPT_KEY_LIFETIME_IN_NANOS. */
    static final Duration DEFAULT_DECRYPT_ONLY_LIFETIME = Duration.ofHours(13);
    /** s2n's S2N_STATE_LIFETIME_IN_NANOS. */
    static final Duration DEFAULT_SESSION_STATE_LIFETIME = Duration.ofHours(15);
    /** Claims the default anti-replay store keeps: a few MB at most. */
    static final int DEFAULT_ANTI_REPLAY_CAPACITY = 65_536;
    /** The most early data a server may allow per connection: a 32-bit field (RFC 8446 §4.2.10), capped at 1 MiB here. */
    static final int MAX_EARLY_DATA_LIMIT = 1 << 20;

    private final SecurityPolicy securityPolicy;
    private final List<CertificateChainAndKey> certificates;
    private final CertificateValidator validator;
    private final List<String> applicationProtocols;
    private final HostVerifier hostVerifier;
    private final KeyLogCallback keyLogCallback;
    private final ClientAuth clientAuth;
    private final CertificateValidationCallback certificateValidationCallback;
    private final List<byte[]> certificateAuthorities;
    private final SecureRandom random;
    private final Clock clock;
    private final int maxHandshakeMessageSize;
    private final Duration maxBlindingDelay;
    private final boolean blindingSleeps;
    private final TicketKeys ticketKeys;
    private final boolean sessionTickets;
    private final SessionTicketCallback sessionTicketCallback;
    private final Duration sessionStateLifetime;
    private final int initialTicketCount;
    private final SessionCache sessionCache;
    private final int maxEarlyData;
    private final EarlyDataCallback earlyDataCallback;
    private final AntiReplay antiReplay;
    private final ClientHelloCallback clientHelloCallback;
    private final AsyncSigner asyncSigner;
    private final boolean statusRequest;
    private final boolean checkOcspResponse;

    private Config(Builder b) {
        this.securityPolicy = b.securityPolicy;
        this.certificates = List.copyOf(b.certificates);
        this.applicationProtocols = List.copyOf(b.applicationProtocols);
        this.hostVerifier = b.hostVerifier;
        this.keyLogCallback = b.keyLogCallback;
        this.clientAuth = b.clientAuth;
        this.certificateValidationCallback = b.certificateValidationCallback;
        this.random = b.random != null ? b.random : new SecureRandom();
        this.clock = b.clock != null ? b.clock : Clock.systemUTC();
        this.maxHandshakeMessageSize = b.maxHandshakeMessageSize;
        this.maxBlindingDelay = b.maxBlindingDelay;
        this.blindingSleeps = b.blindingSleeps;
        this.validator = b.verificationDisabled ? null : b.buildValidator();
        this.certificateAuthorities = b.certificateAuthorities ? b.certificateAuthorityNames() : List.of();
        this.sessionTicketCallback = b.sessionTicketCallback;
        this.sessionStateLifetime = b.sessionStateLifetime;
        this.initialTicketCount = b.initialTicketCount;
        boolean ticketsOn = b.sessionTickets != null ? b.sessionTickets
                : !b.ticketKeyNames.isEmpty() || b.sharedTicketKeys != null;
        this.sessionTickets = ticketsOn;
        this.sessionCache = b.sessionCache;
        this.maxEarlyData = b.maxEarlyData;
        this.clientHelloCallback = b.clientHelloCallback;
        this.asyncSigner = b.asyncSigner;
        this.statusRequest = b.statusRequest;
        this.checkOcspResponse = b.checkOcspResponse;
        this.earlyDataCallback = b.earlyDataCallback;
        this.antiReplay = b.antiReplay != null ? b.antiReplay
                : b.maxEarlyData > 0 ? AntiReplay.inMemory(DEFAULT_ANTI_REPLAY_CAPACITY) : null;
        if (!ticketsOn && sessionCache == null) {
            this.ticketKeys = null;
        } else if (b.sharedTicketKeys != null) {
            this.ticketKeys = b.sharedTicketKeys;
        } else if (b.ticketKeyNames.isEmpty()) {
            this.ticketKeys = TicketKeys.random(random, b.encryptDecryptLifetime.toMillis(), b.decryptOnlyLifetime.toMillis());
        } else {
            this.ticketKeys = TicketKeys.of(b.ticketKeyNames, b.ticketKeyMaterials, b.ticketKeyIntros,
                    b.encryptDecryptLifetime.toMillis(), b.decryptOnlyLifetime.toMillis());
        }
    }

    /** A builder with s2n's defaults: policy {@code default}, the JDK's trust store, verification on. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The config connections use when none is set: policy {@code default}, the JDK's default trust
     * store, no certificates, no ALPN. Built once, on first use.
     */
    public static Config defaultConfig() {
        return DefaultHolder.DEFAULT;
    }

    private static final class DefaultHolder {
        static final Config DEFAULT = builder().build();
    }

    public SecurityPolicy securityPolicy() {
        return securityPolicy;
    }

    /** The certificates this side presents, in the order they were added. */
    public List<CertificateChainAndKey> certificateChainAndKeys() {
        return certificates;
    }

    /** The application protocols offered (client) or accepted (server), in preference order. */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** Whether peer certificates go unchecked ({@link Builder#disableX509Verification()}). */
    public boolean isX509VerificationDisabled() {
        return validator == null;
    }

    /** The custom host check, or null for the default one. */
    public HostVerifier hostVerifier() {
        return hostVerifier;
    }

    /** The key-log callback, or null when secrets are not logged (the default). */
    public KeyLogCallback keyLogCallback() {
        return keyLogCallback;
    }

    /**
     * The client authentication set with {@link Builder#clientAuth}, or null if none was: then a
     * server does not ask ({@link ClientAuth#NONE}) and a client answers ({@link ClientAuth#OPTIONAL}).
     */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** The custom certificate check, or null if there is none. */
    public CertificateValidationCallback certificateValidationCallback() {
        return certificateValidationCallback;
    }

    /**
     * The DER subjects a server's CertificateRequest names in certificate_authorities; empty unless
     * {@link Builder#certificateAuthoritiesFromTrustStore()} was called.
     */
    List<byte[]> certificateAuthorities() {
        return certificateAuthorities;
    }

    /** The longest handshake message the peer may send, in bytes ({@link Builder#maxHandshakeMessageSize}). */
    public int maxHandshakeMessageSize() {
        return maxHandshakeMessageSize;
    }

    /** The longest blinding delay after a failure ({@link Builder#maxBlindingDelay}); zero if blinding is off. */
    public Duration maxBlindingDelay() {
        return maxBlindingDelay;
    }

    /** Whether a failing call sleeps through the blinding delay itself ({@link Builder#blindingSleeps}). */
    public boolean blindingSleeps() {
        return blindingSleeps;
    }

    /**
     * Whether session resumption with tickets is on ({@link Builder#sessionTicketsEnabled}): a
     * server issues and accepts tickets, a client keeps the tickets it is given.
     */
    public boolean sessionTicketsEnabled() {
        return sessionTickets;
    }

    /** The callback that receives a client's tickets, or null. */
    public SessionTicketCallback sessionTicketCallback() {
        return sessionTicketCallback;
    }

    /** How long a session may be resumed after its full handshake ({@link Builder#sessionStateLifetime}). */
    public Duration sessionStateLifetime() {
        return sessionStateLifetime;
    }

    /** How many TLS 1.3 tickets a server sends after each handshake ({@link Builder#initialTicketCount}). */
    public int initialTicketCount() {
        return initialTicketCount;
    }

    /** Whether a client checks a stapled OCSP response ({@link Builder#checkOcspResponse}). */
    public boolean checkOcspResponse() {
        return checkOcspResponse;
    }

    /** Whether a client asks for a stapled OCSP response ({@link Builder#statusRequest}). */
    public boolean statusRequest() {
        return statusRequest;
    }

    /** Who signs the handshakes ({@link Builder#asyncSigner}); null: the private keys of the chains. */
    public AsyncSigner asyncSigner() {
        return asyncSigner;
    }

    /** A server's look at each ClientHello ({@link Builder#clientHelloCallback}), or null. */
    public ClientHelloCallback clientHelloCallback() {
        return clientHelloCallback;
    }

    /** How much early data a server accepts per connection ({@link Builder#maxEarlyData}); 0 for none. */
    public int maxEarlyData() {
        return maxEarlyData;
    }

    /** The server's early data decision ({@link Builder#earlyDataCallback}), or null (accept). */
    public EarlyDataCallback earlyDataCallback() {
        return earlyDataCallback;
    }

    /** Where a server records tickets used for early data; null when it accepts none. */
    public AntiReplay antiReplay() {
        return antiReplay;
    }

    /** A TLS 1.2 server's session cache ({@link Builder#sessionCache}), or null. */
    public SessionCache sessionCache() {
        return sessionCache;
    }

    /** The server's ticket keys, which seal tickets and cache entries; null when it has neither. */
    TicketKeys ticketKeys() {
        return ticketKeys;
    }

    CertificateValidator validator() {
        return validator;
    }

    SecureRandom random() {
        return random;
    }

    Clock clock() {
        return clock;
    }

    /** Builds a {@link Config}. Each setter replaces what it sets, except the ones that say they add. */
    public static final class Builder {
        private SecurityPolicy securityPolicy = SecurityPolicy.named("default");
        private final List<CertificateChainAndKey> certificates = new ArrayList<>();
        private final List<X509Certificate> trusted = new ArrayList<>();
        private boolean systemTrust = true;
        private boolean verificationDisabled;
        private List<String> applicationProtocols = List.of();
        private HostVerifier hostVerifier;
        private KeyLogCallback keyLogCallback;
        private ClientAuth clientAuth;
        private CertificateValidationCallback certificateValidationCallback;
        private boolean certificateAuthorities;
        private SecureRandom random;
        private Clock clock;
        private int maxHandshakeMessageSize = HandshakeReassembler.MAX_MESSAGE_LENGTH;
        private Duration maxBlindingDelay = DEFAULT_MAX_BLINDING_DELAY;
        private boolean blindingSleeps;
        private Boolean sessionTickets;
        private SessionTicketCallback sessionTicketCallback;
        private final List<byte[]> ticketKeyNames = new ArrayList<>();
        private final List<byte[]> ticketKeyMaterials = new ArrayList<>();
        private final List<Long> ticketKeyIntros = new ArrayList<>();
        private TicketKeys sharedTicketKeys;
        private Duration encryptDecryptLifetime = DEFAULT_ENCRYPT_DECRYPT_LIFETIME;
        private Duration decryptOnlyLifetime = DEFAULT_DECRYPT_ONLY_LIFETIME;
        private Duration sessionStateLifetime = DEFAULT_SESSION_STATE_LIFETIME;
        private int initialTicketCount = 1;
        private SessionCache sessionCache;
        private int maxEarlyData;
        private EarlyDataCallback earlyDataCallback;
        private AntiReplay antiReplay;
        private ClientHelloCallback clientHelloCallback;
        private AsyncSigner asyncSigner;
        private boolean statusRequest;
        private boolean checkOcspResponse = true;

        private Builder() {}

        /**
         * Chooses the security policy by name (s2n's {@code s2n_config_set_cipher_preferences}).
         *
         * @throws IllegalArgumentException for an unknown name; the message lists the known ones
         */
        public Builder securityPolicy(String name) {
            this.securityPolicy = SecurityPolicy.named(name);
            return this;
        }

        public Builder securityPolicy(SecurityPolicy policy) {
            this.securityPolicy = requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Adds a certificate chain and key to present (s2n's {@code s2n_config_add_cert_chain_and_key_to_store}).
         * A server picks among several by SNI and signature scheme. A client presents the first
         * that can sign with a scheme the server's CertificateRequest allows, when asked and unless
         * its {@link #clientAuth} is {@link ClientAuth#NONE}; with none that fits it sends an empty
         * Certificate.
         */
        public Builder certificateChainAndKey(CertificateChainAndKey certificate) {
            certificates.add(requireNonNull(certificate, "certificate"));
            return this;
        }

        /**
         * Adds the certificates in {@code pem} to the trusted roots (s2n's
         * {@code s2n_config_add_pem_to_trust_store}).
         *
         * @throws IllegalArgumentException if the PEM holds no certificate or does not parse
         */
        public Builder trustPem(String pem) {
            trusted.addAll(Pem.readCertificates(requireNonNull(pem, "pem")));
            return this;
        }

        /** Adds every trusted certificate entry of {@code trustStore} to the trusted roots. */
        public Builder trustStore(KeyStore trustStore) {
            trusted.addAll(CertificateValidator.forKeyStore(requireNonNull(trustStore, "trustStore")).trustedCertificates());
            return this;
        }

        /** Adds certificates to the trusted roots. */
        public Builder trustCertificates(X509Certificate... roots) {
            trusted.addAll(Arrays.asList(roots));
            return this;
        }

        /**
         * Whether the JDK's default trust store is trusted too (default: yes). Turn it off to trust
         * only what you add, as s2n's {@code s2n_config_new_minimal} does.
         */
        public Builder withSystemTrust(boolean enabled) {
            this.systemTrust = enabled;
            return this;
        }

        /**
         * Accepts any certificate the peer sends, unverified (s2n's
         * {@code s2n_config_disable_x509_verification}). For tests and demos only: it gives up
         * authentication entirely.
         */
        public Builder disableX509Verification() {
            this.verificationDisabled = true;
            return this;
        }

        /**
         * The ALPN protocols (RFC 7301), most preferred first: offered by a client, chosen from by a
         * server (s2n's {@code s2n_config_set_protocol_preferences}).
         */
        public Builder applicationProtocols(String... protocols) {
            List<String> list = new ArrayList<>();
            for (String p : protocols) {
                if (p == null || p.isEmpty() || p.length() > 255) {
                    throw new IllegalArgumentException("an application protocol name has 1 to 255 characters: " + p);
                }
                list.add(p);
            }
            this.applicationProtocols = list;
            return this;
        }

        /**
         * Client authentication (s2n's {@code s2n_config_set_client_auth_type}); see
         * {@link ClientAuth}. A server with OPTIONAL or REQUIRED verifies the client's chain
         * against this config's trust (the clientAuth key purpose, not serverAuth) unless
         * verification is disabled. Default: unset, meaning NONE on a server, OPTIONAL on a client.
         */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        /**
         * A custom check of the peer's chain after the built-in ones (s2n's
         * {@code s2n_config_set_cert_validation_cb}); see {@link CertificateValidationCallback}.
         */
        public Builder certificateValidationCallback(CertificateValidationCallback callback) {
            this.certificateValidationCallback = callback;
            return this;
        }

        /**
         * A server asking for a client certificate names the subjects of this config's trusted
         * roots in its CertificateRequest (certificate_authorities: the TLS 1.3 extension, RFC 8446
         * §4.2.4, or the TLS 1.2 field, RFC 5246 §7.4.4), so a client with several chains can pick
         * one the server accepts (s2n's {@code s2n_config_set_cert_authorities_from_trust_store}).
         * As in s2n, the trust must be this config's own roots ({@code withSystemTrust(false)})
         * and their names at most 10 KB.
         */
        public Builder certificateAuthoritiesFromTrustStore() {
            this.certificateAuthorities = true;
            return this;
        }

        /** Replaces the default host name check with {@code verifier} (s2n's verify-host callback). */
        public Builder hostVerifier(HostVerifier verifier) {
            this.hostVerifier = verifier;
            return this;
        }

        /**
         * Logs every connection's traffic secrets in the NSS key log format, to decrypt captures
         * while debugging (s2n's {@code s2n_config_set_key_log_cb}); off by default. See
         * {@link KeyLogCallback}: whoever reads the lines can decrypt the traffic.
         */
        public Builder keyLogCallback(KeyLogCallback callback) {
            this.keyLogCallback = callback;
            return this;
        }

        /** The source of randomness (randoms, key shares, signatures). Default: a new {@link SecureRandom}. */
        public Builder secureRandom(SecureRandom random) {
            this.random = requireNonNull(random, "random");
            return this;
        }

        /** The clock certificate validity is judged by (s2n's wall clock). Default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The longest handshake message the peer may send, in bytes (default 64 KiB, s2n's
         * limit). A longer one fails the handshake with unexpected_message as soon as its header
         * arrives, before any of it is buffered. Raise it for peers with very long certificate
         * chains; lower it to bound memory per connection more tightly.
         *
         * @throws IllegalArgumentException outside [1024, 2^24 - 1]
         */
        public Builder maxHandshakeMessageSize(int bytes) {
            if (bytes < 1024 || bytes > HandshakeReassembler.MAX_CONFIGURABLE_LENGTH) {
                throw new IllegalArgumentException("maxHandshakeMessageSize must lie in [1024, "
                        + HandshakeReassembler.MAX_CONFIGURABLE_LENGTH + "]: " + bytes);
            }
            this.maxHandshakeMessageSize = bytes;
            return this;
        }

        /**
         * The longest blinding delay (s2n's {@code s2n_config_set_max_blinding_delay}; default 30
         * seconds). After a failure the peer caused, {@link Connection#delay()} is a random time
         * between a third of this and this; the connection sends its alert only when
         * {@link Connection#shutdown()} is called after it, so a peer cannot time how long we took
         * to find the fault. {@link Duration#ZERO} turns blinding off: alerts go out at once.
         *
         * <pre>{@code
         * Config tests = Config.builder().maxBlindingDelay(Duration.ZERO).build();
         * }</pre>
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder maxBlindingDelay(Duration max) {
            if (requireNonNull(max, "max").isNegative()) {
                throw new IllegalArgumentException("maxBlindingDelay must not be negative: " + max);
            }
            this.maxBlindingDelay = max;
            return this;
        }

        /**
         * Whether the failing call itself sleeps through the blinding delay and then sends the
         * alert (s2n's default {@code S2N_BUILT_IN_BLINDING}). Off by default: this library never
         * sleeps a thread on its own, it tells you how long to wait ({@link Connection#delay()}).
         * Turn it on for simple blocking code with a thread per connection.
         */
        public Builder blindingSleeps(boolean sleeps) {
            this.blindingSleeps = sleeps;
            return this;
        }

        /**
         * Session resumption with tickets (s2n's {@code s2n_config_set_session_tickets_onoff}; off
         * by default, as in s2n). A server issues TLS 1.3 tickets after each handshake and resumes
         * the sessions they carry; its keys are those of {@link #addTicketKey}, or, with none, a
         * random key made in this process (renewed as it ages; tickets then do not survive a
         * restart, nor reach another server). A client keeps the tickets it receives for
         * {@link Connection#session()}. Adding a ticket key turns tickets on unless this says false.
         */
        public Builder sessionTicketsEnabled(boolean enabled) {
            this.sessionTickets = enabled;
            return this;
        }

        /**
         * A session ticket key (s2n's {@code s2n_config_add_ticket_crypto_key}): from
         * {@code introTime} on, it seals new tickets for its encrypt-decrypt lifetime, then opens
         * old ones for its decrypt-only lifetime ({@link #ticketKeyLifetimes}). Every server that
         * should resume each other's sessions gets the same keys; add the next key with an intro
         * time before the current one's encrypt window ends (s2n: every half window), or tickets
         * stop being issued. Tickets are sealed with AES-256-GCM under a key derived from
         * {@code key} and the name.
         *
         * @param name 1 to 16 bytes in UTF-8, unique among the keys; written in every ticket
         * @param key at least 16 bytes of secret random material (32 recommended); copied
         * @throws IllegalArgumentException for a bad name or key, or more than 48 keys
         */
        public Builder addTicketKey(String name, byte[] key, Instant introTime) {
            byte[] n = requireNonNull(name, "name").getBytes(StandardCharsets.UTF_8);
            if (n.length < 1 || n.length > TicketKeys.MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("a ticket key name has 1 to " + TicketKeys.MAX_NAME_LENGTH
                        + " bytes in UTF-8: \"" + name + "\"");
            }
            for (byte[] other : ticketKeyNames) {
                if (Arrays.equals(other, n)) {
                    throw new IllegalArgumentException("a ticket key named \"" + name + "\" was already added");
                }
            }
            if (requireNonNull(key, "key").length < 16) {
                throw new IllegalArgumentException("a ticket key needs at least 16 bytes of material, got " + key.length);
            }
            if (ticketKeyNames.size() == TicketKeys.MAX_KEYS) {
                throw new IllegalArgumentException("at most " + TicketKeys.MAX_KEYS + " ticket keys");
            }
            ticketKeyNames.add(n);
            ticketKeyMaterials.add(key.clone());
            ticketKeyIntros.add(requireNonNull(introTime, "introTime").toEpochMilli());
            return this;
        }

        /**
         * Seals and opens tickets with the ticket keys of {@code other} (the keys added to it, or
         * the random key it makes and renews) instead of keys of this config's own, as if the two
         * were one server. For a server that builds a config per connection (an adapter whose
         * per-connection settings differ) yet must resume the tickets of all of them: the keys are
         * derived once, in {@code other}. Turns tickets on unless {@link #sessionTicketsEnabled}
         * says false; {@link #addTicketKey} and {@link #ticketKeyLifetimes} are then ignored.
         *
         * @throws IllegalArgumentException if {@code other} has no ticket keys (tickets off and no
         *     session cache)
         */
        public Builder ticketKeysOf(Config other) {
            TicketKeys keys = requireNonNull(other, "other").ticketKeys;
            if (keys == null) {
                throw new IllegalArgumentException("that config has no ticket keys: turn its tickets on first");
            }
            this.sharedTicketKeys = keys;
            return this;
        }

        /**
         * How long a ticket key seals new tickets, and then how long it only opens old ones
         * (s2n's {@code s2n_config_set_ticket_encrypt_decrypt_key_lifetime}, default 2 hours, and
         * {@code s2n_config_set_ticket_decrypt_key_lifetime}, default 13 hours).
         */
        public Builder ticketKeyLifetimes(Duration encryptDecrypt, Duration decryptOnly) {
            if (requireNonNull(encryptDecrypt, "encryptDecrypt").compareTo(Duration.ofSeconds(1)) < 0
                    || requireNonNull(decryptOnly, "decryptOnly").isNegative()) {
                throw new IllegalArgumentException("ticket key lifetimes: encrypt-decrypt at least 1 s, decrypt-only not negative");
            }
            this.encryptDecryptLifetime = encryptDecrypt;
            this.decryptOnlyLifetime = decryptOnly;
            return this;
        }

        /**
         * How long after its full handshake a session may be resumed (s2n's
         * {@code s2n_config_set_session_state_lifetime}, default 15 hours). A TLS 1.3 ticket's
         * lifetime is the shortest of this, its key's remaining decrypt window and seven days
         * (RFC 8446 §4.6.1).
         */
        public Builder sessionStateLifetime(Duration lifetime) {
            if (requireNonNull(lifetime, "lifetime").compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("sessionStateLifetime must be at least one second: " + lifetime);
            }
            this.sessionStateLifetime = lifetime;
            return this;
        }

        /**
         * How many TLS 1.3 tickets a server sends after each full or resumed handshake (s2n's
         * {@code s2n_config_set_initial_ticket_count}, default 1). A client that opens several
         * connections at once wants one ticket for each.
         *
         * @throws IllegalArgumentException outside [0, 16]
         */
        public Builder initialTicketCount(int count) {
            if (count < 0 || count > 16) {
                throw new IllegalArgumentException("initialTicketCount must lie in [0, 16]: " + count);
            }
            this.initialTicketCount = count;
            return this;
        }

        /**
         * Receives every ticket a client is given (s2n's {@code s2n_config_set_session_ticket_cb});
         * see {@link SessionTicketCallback}. Setting one keeps tickets on a client even without
         * {@link #sessionTicketsEnabled}.
         */
        public Builder sessionTicketCallback(SessionTicketCallback callback) {
            this.sessionTicketCallback = callback;
            return this;
        }

        /**
         * TLS 1.2 resumption by session ID on a server (s2n's {@code s2n_config_set_session_cache_onoff}
         * with its cache callbacks): each full TLS 1.2 handshake gets a session ID and its session
         * goes into {@code cache}, sealed with the ticket keys (a random in-process key if none were
         * added). A client that supports tickets gets a ticket instead when tickets are on, as with
         * s2n. TLS 1.3 resumes by ticket only. Null turns the cache off.
         */
        public Builder sessionCache(SessionCache cache) {
            this.sessionCache = cache;
            return this;
        }

        /**
         * TLS 1.3 early data (0-RTT) on a server (s2n's {@code s2n_config_set_server_max_early_data_size}):
         * tickets issued from now say a client may send up to {@code bytes} of application data
         * with its ClientHello, and resumed handshakes accept that much, once per ticket
         * ({@link #antiReplay}), if the {@link #earlyDataCallback} agrees. Default 0: no early data.
         * Early data can be replayed (RFC 8446 §8): turn it on only for requests safe to repeat.
         *
         * @throws IllegalArgumentException outside [0, 1 MiB]
         */
        public Builder maxEarlyData(int bytes) {
            if (bytes < 0 || bytes > MAX_EARLY_DATA_LIMIT) {
                throw new IllegalArgumentException("maxEarlyData must lie in [0, " + MAX_EARLY_DATA_LIMIT + "]: " + bytes);
            }
            this.maxEarlyData = bytes;
            return this;
        }

        /**
         * A client asks the server to staple its certificate's OCSP response (RFC 6066 §8; s2n's
         * {@code s2n_config_set_status_request_type(config, S2N_STATUS_REQUEST_OCSP)}); the answer
         * is {@link Connection#ocspResponse()}. A server staples what its
         * {@link CertificateChainAndKey#withOcspResponse chains carry}. Default: off.
         */
        public Builder statusRequest(boolean request) {
            this.statusRequest = request;
            return this;
        }

        /**
         * Whether a client that verifies certificates also checks the OCSP response the server
         * stapled (s2n's {@code s2n_config_set_check_stapled_ocsp_response}, on by default): a
         * successful basic response signed by the leaf's issuer (or a responder it authorized),
         * for the leaf, current, and good. Revoked ends the handshake with certificate_revoked,
         * any other failure with bad_certificate. Off, the response is only handed over.
         */
        public Builder checkOcspResponse(boolean check) {
            this.checkOcspResponse = check;
            return this;
        }

        /**
         * Signs every handshake signature of this config's connections (s2n's async private-key
         * callback): see {@link AsyncSigner}. The chains may then come without their private keys
         * ({@link CertificateChainAndKey#withRemoteKey}). Null signs locally.
         */
        public Builder asyncSigner(AsyncSigner signer) {
            this.asyncSigner = signer;
            return this;
        }

        /**
         * Runs on a server for each connection's first ClientHello, before anything is chosen
         * from it (s2n's {@code s2n_config_set_client_hello_cb}): it may swap the config, reject
         * the handshake or pause it; see {@link ClientHelloCallback}. Null for none.
         */
        public Builder clientHelloCallback(ClientHelloCallback callback) {
            this.clientHelloCallback = callback;
            return this;
        }

        /** Decides per connection whether to accept early data (s2n's {@code s2n_config_set_early_data_cb}); null accepts. */
        public Builder earlyDataCallback(EarlyDataCallback callback) {
            this.earlyDataCallback = callback;
            return this;
        }

        /**
         * Where tickets used for early data are recorded, so each is accepted once (RFC 8446 §8.1).
         * Default with {@link #maxEarlyData}: {@link AntiReplay#inMemory(int)} of 65,536 claims, per
         * config; servers that share ticket keys should share one store.
         */
        public Builder antiReplay(AntiReplay store) {
            this.antiReplay = store;
            return this;
        }

        public Config build() {
            return new Config(this);
        }

        /** s2n's S2N_CERT_AUTHORITIES_MAX_SIZE: the most bytes of names a CertificateRequest carries. */
        private static final int MAX_CERTIFICATE_AUTHORITIES_BYTES = 10 * 1024;

        private List<byte[]> certificateAuthorityNames() {
            if (systemTrust) {
                throw new IllegalStateException("certificateAuthoritiesFromTrustStore() names this config's own roots: "
                        + "call withSystemTrust(false) (the JDK's store holds over a hundred public CAs)");
            }
            if (trusted.isEmpty()) {
                throw new IllegalStateException("certificateAuthoritiesFromTrustStore() needs trusted roots: add them "
                        + "with trustPem/trustStore/trustCertificates");
            }
            List<byte[]> names = new ArrayList<>();
            int bytes = 0;
            for (X509Certificate root : trusted) {
                byte[] name = root.getSubjectX500Principal().getEncoded();
                bytes += 2 + name.length;
                names.add(name);
            }
            if (bytes > MAX_CERTIFICATE_AUTHORITIES_BYTES) {
                throw new IllegalStateException("the trusted roots' names take " + bytes + " bytes; a CertificateRequest "
                        + "names at most " + MAX_CERTIFICATE_AUTHORITIES_BYTES + " bytes of certificate authorities");
            }
            return List.copyOf(names);
        }

        private CertificateValidator buildValidator() {
            if (trusted.isEmpty()) {
                if (!systemTrust) {
                    throw new IllegalStateException("no trusted certificates: add some with trustPem/trustStore, "
                            + "keep withSystemTrust(true), or disableX509Verification()");
                }
                return CertificateValidator.jdkDefault();
            }
            List<X509Certificate> all = new ArrayList<>(trusted);
            if (systemTrust) {
                all.addAll(CertificateValidator.jdkDefault().trustedCertificates());
            }
            return CertificateValidator.forTrustedCertificates(all);
        }

        private static <T> T requireNonNull(T value, String what) {
            if (value == null) {
                throw new IllegalArgumentException(what + " must not be null");
            }
            return value;
        }
    }
}
