package s2n.tls.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One TLS handshake, from the first {@code negotiate()} to its completion or failure, recorded
 * only while a JFR recording enables it ({@code jfr configure}, {@code -XX:StartFlightRecording},
 * or {@code Recording.enable("s2n.tls.Handshake")}). No secret is ever a field.
 */
@Name("s2n.tls.Handshake")
@Label("TLS Handshake")
@Category({"s2n-tls"})
@Description("A TLS handshake of s2n-tls-java: what it negotiated, or the alert it failed with")
@StackTrace(false)
public final class HandshakeEvent extends Event {
    @Label("Mode")
    public String mode;

    @Label("Protocol Version")
    public String protocolVersion;

    @Label("Cipher Suite")
    public String cipherSuite;

    @Label("Key Exchange Group")
    public String keyExchangeGroup;

    @Label("Handshake Type")
    @Description("s2n's flags, e.g. NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT")
    public String handshakeType;

    @Label("Resumed")
    public boolean resumed;

    @Label("Early Data")
    public String earlyData;

    @Label("Server Name")
    @Description("The SNI the client sent (server) or set (client)")
    public String serverName;

    @Label("Peer Address")
    public String peer;

    @Label("Failure Alert")
    @Description("The alert the handshake failed with, or null when it completed")
    public String failureAlert;

    @Label("Failure")
    @Description("Why it failed (the TlsException's message), or null")
    public String failure;
}
