/**
 * TLS for Netty channels with s2n-tls-java: {@link s2n.tls.netty.S2nSslHandler} drives a
 * {@code s2n.tls.Connection} straight from the channel's {@code ByteBuf}s (no SSLEngine).
 *
 * <p>Netty 4.2 ships real module descriptors ({@code io.netty.buffer}, {@code io.netty.transport},
 * {@code io.netty.codec} from the {@code netty-codec-base} artifact, {@code io.netty.common}), so this
 * is a named module rather than an automatic one.
 */
module s2n.tls.netty {
    requires transitive s2n.tls;
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires transitive io.netty.transport;
    requires transitive io.netty.codec;

    exports s2n.tls.netty;
}
