package io.github.discountcard.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import io.github.discountcard.test.PemWriter;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An HTTPS front on loopback for a plain-HTTP server (the simulator): TLS with a self-signed certificate for
 * 127.0.0.1, made here and trusted by nobody but whoever is given {@link #certificatePem()}. Each connection is
 * relayed byte for byte to the target.
 */
final class LoopbackTlsFront implements AutoCloseable {

    private final X509Certificate certificate;

    private final ServerSocket server;

    private final int targetPort;

    private final AtomicInteger handshakes = new AtomicInteger();

    LoopbackTlsFront(int targetPort) throws Exception {
        this.targetPort = targetPort;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keyPair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=127.0.0.1, O=discountcard-test TLS front");
        Instant now = Instant.now();
        this.certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), name, keyPair.getPublic())
            .addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
            .build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("front", keyPair.getPrivate(), new char[0], new X509Certificate[] { this.certificate });
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        this.server = tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ((SSLServerSocket) this.server).setUseClientMode(false);
        Thread acceptor = new Thread(this::accept, "tls-front-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "https://127.0.0.1:" + this.server.getLocalPort();
    }

    String certificatePem() {
        return PemWriter.certificate(this.certificate);
    }

    /** Connections whose TLS handshake completed and whose bytes reached the target. */
    int relayedConnections() {
        return this.handshakes.get();
    }

    private void accept() {
        while (!this.server.isClosed()) {
            try {
                Socket client = this.server.accept();
                Thread relay = new Thread(() -> relay(client), "tls-front-relay");
                relay.setDaemon(true);
                relay.start();
            }
            catch (IOException ex) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort)) {
            InputStream in = client.getInputStream();
            int first = in.read(); // completes the handshake; a client that does not trust us never gets here
            if (first < 0) {
                return;
            }
            this.handshakes.incrementAndGet();
            OutputStream toTarget = target.getOutputStream();
            toTarget.write(first);
            Thread back = new Thread(() -> pump(target, client), "tls-front-back");
            back.setDaemon(true);
            back.start();
            in.transferTo(toTarget);
        }
        catch (IOException ex) {
            // the client went away or refused our certificate
        }
    }

    static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        }
        catch (IOException ex) {
            // one side closed
        }
        finally {
            try {
                to.close();
            }
            catch (IOException ex) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        this.server.close();
    }
}
