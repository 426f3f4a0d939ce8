package io.github.discountcard.test.autoconfigure;

import java.net.URI;

import org.springframework.core.env.Environment;

/**
 * Where the application under test serves: loopback on the port its test web server got
 * ({@code local.server.port}), known only once the server runs, so it is read at each delivery.
 */
final class ApplicationServer {

    private final Environment environment;

    ApplicationServer(Environment environment) {
        this.environment = environment;
    }

    /**
     * The URL a notification meant for {@code named} (the application's {@code notify_url}, with a production host
     * perhaps) really goes to: the same path and query on the test server.
     * @throws IllegalStateException when the application runs no web server
     */
    URI redirect(URI named) {
        String port = this.environment.getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("The simulator cannot deliver a notification to the application: it runs "
                    + "no web server. Use @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT) with "
                    + "@AutoConfigureDiscountCardSimulator");
        }
        String path = (named.getRawPath() == null || named.getRawPath().isEmpty()) ? "/" : named.getRawPath();
        String query = (named.getRawQuery() != null) ? "?" + named.getRawQuery() : "";
        return URI.create("http://127.0.0.1:" + port + path + query);
    }
}
