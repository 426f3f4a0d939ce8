package io.github.discountcard.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP proxy on loopback that tunnels with {@code CONNECT} and records what it saw: each CONNECT target
 * and, since the tunnelled traffic to a plain-HTTP target is readable, the request line of every request sent
 * through it. Answers 407 when it requires credentials and they are missing.
 */
final class LoopbackConnectProxy implements AutoCloseable {

    private static final Pattern REQUEST_LINE = Pattern.compile("(GET|POST|PATCH|PUT|DELETE) (\\S+) HTTP/1\\.1\r\n");

    private final ServerSocket server;

    private final List<String> connects = new CopyOnWriteArrayList<>();

    private final List<String> requestLines = new CopyOnWriteArrayList<>();

    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    LoopbackConnectProxy() throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "connect-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return this.server.getLocalPort();
    }

    /** The {@code host:port} of each CONNECT. */
    List<String> connects() {
        return List.copyOf(this.connects);
    }

    /** "METHOD path" of each request sent through a tunnel. */
    List<String> requests() {
        return List.copyOf(this.requestLines);
    }

    /** The Proxy-Authorization header of each CONNECT that had one. */
    List<String> authorizations() {
        return List.copyOf(this.authorizations);
    }

    private void accept() {
        while (!this.server.isClosed()) {
            try {
                Socket client = this.server.accept();
                Thread tunnel = new Thread(() -> tunnel(client), "connect-proxy-tunnel");
                tunnel.setDaemon(true);
                tunnel.start();
            }
            catch (IOException ex) {
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String[] firstLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            OutputStream out = client.getOutputStream();
            if (!firstLine[0].equals("CONNECT")) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            this.connects.add(firstLine[1]);
            head.lines().filter((line) -> line.regionMatches(true, 0, "Proxy-Authorization:", 0, 20))
                .forEach((line) -> this.authorizations.add(line.substring(20).trim()));
            String[] target = firstLine[1].split(":");
            try (Socket upstream = new Socket(target[0], Integer.parseInt(target[1]))) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread back = new Thread(() -> LoopbackTlsFront.pump(upstream, client), "connect-proxy-back");
                back.setDaemon(true);
                back.start();
                byte[] buffer = new byte[8192];
                OutputStream toUpstream = upstream.getOutputStream();
                for (int n; (n = in.read(buffer)) >= 0;) {
                    record(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    toUpstream.write(buffer, 0, n);
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // a side closed, or a request that is not CONNECT
        }
    }

    private void record(String chunk) {
        Matcher matcher = REQUEST_LINE.matcher(chunk);
        while (matcher.find()) {
            this.requestLines.add(matcher.group(1) + " " + matcher.group(2));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        for (int b; matched < 4 && (b = in.read()) >= 0;) {
            head.write(b);
            matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        this.server.close();
    }
}
