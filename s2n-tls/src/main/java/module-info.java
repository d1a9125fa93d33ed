/**
 * s2n-tls-java: TLS 1.3 and 1.2 on the model of s2n-tls. Only {@code s2n.tls} is exported; every
 * other package is an implementation detail.
 */
module s2n.tls {
    // ExtendedSocketOptions (TCP_QUICKACK) lives in jdk.net; it is part of every full JDK.
    requires jdk.net;
    // JFR events (s2n.tls.Handshake, s2n.tls.RecordStatistics): recorded only while a recording runs.
    requires jdk.jfr;

    exports s2n.tls;
}
