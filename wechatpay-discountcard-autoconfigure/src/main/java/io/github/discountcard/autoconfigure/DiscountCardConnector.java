package io.github.discountcard.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.ProxyProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * The discount card client's own Reactor Netty connector, built with Spring Boot's
 * {@link ClientHttpConnectorBuilder}: the configured connect and response timeouts and SSL bundle, never following
 * redirects (a signed request goes only where it was signed for), plus an optional HTTP proxy. It has its own
 * connection pool (closed with the context), so other WebClients of the application are untouched. The API calls
 * and the certificate downloads share it, and so share its TLS trust and proxy.
 */
final class DiscountCardConnector implements DisposableBean {

    private final ConnectionProvider connections;

    private final ClientHttpConnector connector;

    DiscountCardConnector(Duration connectTimeout, Duration responseTimeout) {
        this(connectTimeout, responseTimeout, null, null);
    }

    DiscountCardConnector(Duration connectTimeout, Duration responseTimeout, @Nullable SslBundle sslBundle,
            @Nullable Proxy proxy) {
        this.connections = ConnectionProvider.builder("wechatpay-discountcard")
            .maxConnections(500)
            .pendingAcquireMaxCount(-1)
            .maxIdleTime(Duration.ofSeconds(30))
            .evictInBackground(Duration.ofSeconds(30))
            .build();
        HttpClientSettings settings = new HttpClientSettings(HttpRedirects.DONT_FOLLOW, connectTimeout, responseTimeout,
                sslBundle);
        this.connector = ClientHttpConnectorBuilder.reactor()
            .withHttpClientFactory(() -> HttpClient.create(this.connections))
            // Boot's builder asks for gzip; WeChat Pay signs the bytes it sends, so the client asks for none
            .withHttpClientCustomizer((client) -> (proxy != null) ? proxy.applyTo(client.compress(false))
                    : client.compress(false))
            .build(settings);
    }

    ClientHttpConnector connector() {
        return this.connector;
    }

    @Override
    public void destroy() {
        this.connections.disposeLater().block(Duration.ofSeconds(5));
    }

    /**
     * An HTTP proxy that the connector tunnels through (CONNECT), TLS staying end to end.
     * @param host the proxy's host
     * @param port the proxy's port
     * @param username the user for Basic authentication, or {@code null} for none
     * @param password the password for Basic authentication, or {@code null}
     * @param nonProxyHosts a regular expression of hosts reached directly, or {@code null}
     */
    record Proxy(String host, int port, @Nullable String username, @Nullable String password,
            @Nullable String nonProxyHosts) {

        HttpClient applyTo(HttpClient client) {
            return client.proxy((spec) -> {
                ProxyProvider.Builder builder = spec.type(ProxyProvider.Proxy.HTTP).host(this.host).port(this.port);
                if (this.username != null) {
                    String secret = (this.password != null) ? this.password : "";
                    builder.username(this.username).password((user) -> secret);
                }
                if (this.nonProxyHosts != null) {
                    builder.nonProxyHosts(this.nonProxyHosts);
                }
            });
        }

        @Override
        public String toString() {
            return "Proxy[" + this.host + ":" + this.port + ((this.username != null) ? ", user " + this.username : "")
                    + "]";
        }
    }
}
