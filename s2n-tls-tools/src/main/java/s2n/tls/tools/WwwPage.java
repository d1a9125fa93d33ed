package s2n.tls.tools;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code s2nd --www}: answers one HTTP/1.1 request with a small HTML page that says what the
 * handshake negotiated, then the server closes the connection (s2n's {@code -w/--https-server}).
 * Enough HTTP for curl and browsers: the request head is read up to its empty line and otherwise
 * ignored; the response has Content-Type, Content-Length and {@code Connection: close}, and no
 * body for HEAD (RFC 9110 §9.3.2).
 *
 * <pre>{@code
 * curl --cacert server.pem https://localhost:8443/
 * }</pre>
 */
final class WwwPage implements Responder {
    /**
     * The longest request head we read. Browsers send a few hundred bytes; a client that sends
     * more without an empty line is not speaking HTTP to us, and gets 431 instead of our memory.
     */
    static final int MAX_REQUEST_HEAD = 16 * 1024;

    private final List<String> connectionInfo;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private boolean finished;

    /** A page for one connection, showing {@code connectionInfo} (the {@link ConnectionInfo} lines). */
    WwwPage(List<String> connectionInfo) {
        this.connectionInfo = List.copyOf(connectionInfo);
    }

    @Override
    public ByteBuffer received(ByteBuffer data) {
        if (finished) {
            data.position(data.limit()); // after our response only the client's close matters
            return ByteBuffer.allocate(0);
        }
        int room = MAX_REQUEST_HEAD - head.size();
        int take = Math.min(room, data.remaining());
        byte[] bytes = new byte[take];
        data.get(bytes);
        head.writeBytes(bytes);
        data.position(data.limit());
        String text = head.toString(StandardCharsets.ISO_8859_1);
        // RFC 9112 §2.2: a recipient may accept a bare LF as the line terminator.
        if (text.contains("\r\n\r\n") || text.contains("\n\n")) {
            finished = true;
            return ByteBuffer.wrap(response(text.startsWith("HEAD ")));
        }
        if (head.size() >= MAX_REQUEST_HEAD) {
            finished = true;
            return ByteBuffer.wrap(("HTTP/1.1 431 Request Header Fields Too Large\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return ByteBuffer.allocate(0);
    }

    @Override
    public boolean finished() {
        return finished;
    }

    /** The HTML page itself: the negotiated parameters, one per line. */
    String body() {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>s2nd</title></head>\n<body>\n")
                .append("<h1>s2n-tls-java s2nd</h1>\n<p>This page came to you over TLS. Negotiated:</p>\n<pre>\n");
        for (String line : connectionInfo) {
            html.append(escape(line)).append('\n');
        }
        return html.append("</pre>\n</body></html>\n").toString();
    }

    private byte[] response(boolean headOnly) {
        byte[] body = body().getBytes(StandardCharsets.UTF_8);
        String header = "HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        if (headOnly) {
            return headerBytes;
        }
        byte[] all = new byte[headerBytes.length + body.length];
        System.arraycopy(headerBytes, 0, all, 0, headerBytes.length);
        System.arraycopy(body, 0, all, headerBytes.length, body.length);
        return all;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
