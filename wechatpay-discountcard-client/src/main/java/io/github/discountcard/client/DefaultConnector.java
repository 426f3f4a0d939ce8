package io.github.discountcard.client;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * The connector a client gets when it is built without a {@code WebClient.Builder} of the application's: the
 * starter's defaults, so a plain Spring WebFlux application gets the same behaviour as a Boot one. Connect and
 * response timeouts, a bounded connection pool of the client's own (never Reactor Netty's global one, shared by
 * the application's other clients), and no compression: no {@code Accept-Encoding} is sent, so WeChat Pay
 * answers with the very bytes it signed.
 */
final class DefaultConnector {

    /** The starter's defaults ({@code wechatpay.connect-timeout}, {@code wechatpay.response-timeout}). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    private DefaultConnector() {
    }

    static ClientHttpConnector create(Duration connectTimeout, Duration responseTimeout) {
        HttpClient httpClient = HttpClient.create(Pool.CONNECTIONS)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
            .responseTimeout(responseTimeout)
            .compress(false);
        return new ReactorClientHttpConnector(httpClient);
    }

    /**
     * One bounded pool for every client built without a connector, made on first use. Idle connections are
     * closed after 30 s, so an unused pool holds nothing open.
     */
    private static final class Pool {

        static final ConnectionProvider CONNECTIONS = ConnectionProvider.builder("wechatpay-discountcard")
            .maxConnections(500)
            .pendingAcquireMaxCount(-1)
            .maxIdleTime(Duration.ofSeconds(30))
            .evictInBackground(Duration.ofSeconds(30))
            .build();
    }
}
