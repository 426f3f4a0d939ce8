package io.github.discountcard.sample;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's web server keeps reading a keep-alive connection. Reactor Netty 1.3.6 (Boot 4.0.7's) stops reading
 * one after it answered a queued request at once, without reading its body: the next request then waits until
 * the client gives up. That is how the sample's web tests used to hang now and then (a request sent right after
 * the previous answer is queued while the server still finishes that one). Sending the first two requests in one
 * write queues the second every time, so on 1.3.6 this test fails every time; the sample takes 1.3.8 (see its
 * pom).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class KeepAliveServerTests {

    /** Long enough for a loaded machine, short enough to fail rather than hang. */
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    @LocalServerPort
    int port;

    @Test
    void aRequestAfterAQueuedImmediateAnswerIsAnswered() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            // the first asks WeChat Pay (the simulator), so it is answered later; the second is answered at once
            out.write(ascii(get("/cards/NO-SUCH-CARD") + post("/demo/cards/NEVER-PREPARED/claim")));
            out.flush();
            assertThat(statusLine(in)).endsWith("404 Not Found");
            assertThat(statusLine(in)).endsWith("404 Not Found");
            out.write(ascii(get("/notifications")));
            out.flush();
            assertThat(statusLine(in)).endsWith("200 OK");
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    private static String post(String path) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n";
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one whole answer (head and a {@code Content-Length} or chunked body) and returns its status line. */
    private static String statusLine(InputStream in) throws IOException {
        String status = line(in);
        int length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        if (!chunked) {
            in.readNBytes(length);
            return status;
        }
        for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
            in.readNBytes(size);
            line(in); // the CRLF after the chunk
        }
        while (!line(in).isEmpty()) { // the trailer
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new EOFException("The connection closed after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
