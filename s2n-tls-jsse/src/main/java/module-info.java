/**
 * A JSSE provider backed by s2n-tls-java: {@code Security.insertProviderAt(new S2NProvider(), 1)}
 * makes {@code SSLContext.getInstance("TLS")} and {@code SSLContext.getDefault()} ours.
 */
module s2n.tls.jsse {
    requires transitive s2n.tls;
    // LdapName, to read a certificate subject's CN in HostNameCheck.
    requires java.naming;

    exports s2n.tls.jsse;

    provides java.security.Provider with s2n.tls.jsse.S2NProvider;
}
