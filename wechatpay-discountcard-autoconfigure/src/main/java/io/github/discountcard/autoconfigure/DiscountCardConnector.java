package io.github.discountcard.autoconfigure;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * The discount card client's own Reactor Netty connector: its own connection pool (closed with the context) and
 * the configured connect and response timeouts, so other WebClients of the application are untouched.
 */
final class DiscountCardConnector implements DisposableBean {

    private final ConnectionProvider connections;

    private final ClientHttpConnector connector;

    DiscountCardConnector(Duration connectTimeout, Duration responseTimeout) {
        this.connections = ConnectionProvider.builder("wechatpay-discountcard")
            .maxConnections(500)
            .pendingAcquireMaxCount(-1)
            .maxIdleTime(Duration.ofSeconds(30))
            .evictInBackground(Duration.ofSeconds(30))
            .build();
        HttpClient httpClient = HttpClient.create(this.connections)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
            .responseTimeout(responseTimeout);
        this.connector = new ReactorClientHttpConnector(httpClient);
    }

    ClientHttpConnector connector() {
        return this.connector;
    }

    @Override
    public void destroy() {
        this.connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
