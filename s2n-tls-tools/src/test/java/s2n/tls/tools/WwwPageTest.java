package s2n.tls.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP side of {@code s2nd --www}, byte by byte, without a connection. */
class WwwPageTest {
    private static final List<String> INFO = List.of("Actual protocol version: TLSv1.3", "Server name: <none> & more");

    @Test
    void answersOnlyOnceTheRequestHeadIsComplete() {
        WwwPage page = new WwwPage(INFO);
        assertEquals("", feed(page, "GET / HTTP/1.1\r\nHost: local"));
        assertFalse(page.finished());
        assertEquals("", feed(page, "host\r\n"));
        String response = feed(page, "\r\n");
        assertTrue(page.finished());
        String body = page.body();
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body, response);
    }

    @Test
    void bodyListsTheConnectionInfoEscaped() {
        String body = new WwwPage(INFO).body();
        assertTrue(body.contains("<pre>\nActual protocol version: TLSv1.3\nServer name: &lt;none&gt; &amp; more\n</pre>"),
                body);
    }

    @Test
    void acceptsBareLineFeeds() {
        WwwPage page = new WwwPage(INFO);
        assertTrue(feed(page, "GET / HTTP/1.0\n\n").startsWith("HTTP/1.1 200 OK\r\n"));
    }

    @Test
    void headGetsTheHeadersWithoutTheBody() {
        WwwPage page = new WwwPage(INFO);
        String response = feed(page, "HEAD / HTTP/1.1\r\n\r\n");
        assertTrue(response.contains("Content-Length: " + page.body().getBytes(StandardCharsets.UTF_8).length + "\r\n"));
        assertTrue(response.endsWith("\r\n\r\n"), response);
    }

    @Test
    void anEndlessHeadGets431() {
        WwwPage page = new WwwPage(INFO);
        String line = "X-Filler: " + "a".repeat(1000) + "\r\n";
        String response = "";
        int sent = 0;
        while (!page.finished() && sent < 2 * WwwPage.MAX_REQUEST_HEAD) {
            response = feed(page, line);
            sent += line.length();
        }
        assertTrue(page.finished());
        assertTrue(sent >= WwwPage.MAX_REQUEST_HEAD && sent < WwwPage.MAX_REQUEST_HEAD + line.length(), "sent " + sent);
        assertEquals("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                response);
    }

    @Test
    void bytesAfterTheRequestAreConsumedAndIgnored() {
        WwwPage page = new WwwPage(INFO);
        feed(page, "GET / HTTP/1.1\r\n\r\n");
        ByteBuffer more = ByteBuffer.wrap("GET /again HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, page.received(more).remaining());
        assertFalse(more.hasRemaining());
    }

    @Test
    void echoSendsBackACopyAndNeverFinishes() {
        Responder echo = Responder.echo();
        ByteBuffer in = ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer out = echo.received(in);
        assertFalse(in.hasRemaining());
        assertEquals("abc", StandardCharsets.US_ASCII.decode(out).toString());
        assertFalse(echo.finished());
    }

    private static String feed(WwwPage page, String text) {
        ByteBuffer reply = page.received(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        return StandardCharsets.UTF_8.decode(reply).toString();
    }
}
