package s2n.tls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import s2n.tls.internal.handshake.extension.AlpnExtension;
import s2n.tls.internal.handshake.extension.ExtensionType;
import s2n.tls.internal.handshake.extension.Extensions;
import s2n.tls.internal.handshake.extension.ServerNameExtension;
import s2n.tls.internal.handshake.extension.SupportedGroupsExtension;
import s2n.tls.internal.handshake.extension.SupportedVersionsExtension;
import s2n.tls.internal.handshake.message.ClientHello;

/**
 * A ClientHello as a {@link ClientHelloCallback} sees it (s2n's {@code struct s2n_client_hello}
 * and its getters): the parsed fields the server chooses from, and the raw message and
 * extensions for anything else. Values are copies; code points are IANA numbers.
 */
public final class ClientHelloInfo {
    private final ClientHello hello;
    private final byte[] raw;
    private final String serverName;
    private final List<String> applicationProtocols;
    private final List<Integer> supportedGroups;
    private final List<Integer> supportedVersions;

    ClientHelloInfo(ClientHello hello, byte[] raw) {
        this.hello = hello;
        this.raw = raw;
        Extensions ext = hello.extensions();
        byte[] sni = ext.get(ExtensionType.SERVER_NAME);
        this.serverName = sni == null ? null : ServerNameExtension.decode(sni);
        byte[] alpn = ext.get(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        this.applicationProtocols = alpn == null ? List.of() : List.copyOf(AlpnExtension.decode(alpn));
        byte[] groups = ext.get(ExtensionType.SUPPORTED_GROUPS);
        this.supportedGroups = groups == null ? List.of() : boxed(SupportedGroupsExtension.decode(groups));
        byte[] versions = ext.get(ExtensionType.SUPPORTED_VERSIONS);
        this.supportedVersions = versions == null ? List.of() : boxed(SupportedVersionsExtension.decodeClientHello(versions));
    }

    private static List<Integer> boxed(int[] values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return Collections.unmodifiableList(out);
    }

    /** The server name the client asked for (SNI), or null (s2n's {@code s2n_get_server_name}). */
    public String serverName() {
        return serverName;
    }

    /** The ALPN protocols offered, in the client's order; empty if none. */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** The cipher suites offered, in the client's order (s2n's {@code s2n_client_hello_get_cipher_suites}). */
    public List<Integer> cipherSuites() {
        return boxed(hello.cipherSuites());
    }

    /** supported_groups, in the client's order; empty if absent. */
    public List<Integer> supportedGroups() {
        return supportedGroups;
    }

    /** supported_versions as wire values (0x0304 for TLS 1.3), in the client's order; empty if absent. */
    public List<Integer> supportedVersions() {
        return supportedVersions;
    }

    /** legacy_version, e.g. 0x0303. */
    public int legacyVersion() {
        return hello.legacyVersion();
    }

    /** legacy_session_id (s2n's {@code s2n_client_hello_get_session_id}). */
    public byte[] sessionId() {
        return hello.legacySessionId().clone();
    }

    /** The extension types, in the order the client sent them. */
    public List<Integer> extensionTypes() {
        List<Integer> out = new ArrayList<>();
        for (Extensions.Extension e : hello.extensions().list()) {
            out.add(e.type());
        }
        return Collections.unmodifiableList(out);
    }

    /** The data of extension {@code type}, or null if the client did not send it (s2n's {@code s2n_client_hello_get_extension_by_id}). */
    public byte[] extension(int type) {
        byte[] data = hello.extensions().get(type);
        return data == null ? null : data.clone();
    }

    /** The whole ClientHello message, its 4-byte handshake header included (s2n's {@code s2n_client_hello_get_raw_message}). */
    public byte[] rawMessage() {
        return raw.clone();
    }

    @Override
    public String toString() {
        return "ClientHello[server name " + serverName + ", ALPN " + applicationProtocols + ", "
                + hello.cipherSuites().length + " suites, extensions " + extensionTypes() + "]";
    }
}
