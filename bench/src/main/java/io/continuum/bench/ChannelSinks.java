package io.continuum.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the platform's replies go during a run: an SMTP server (GreenMail) for e-mail and a stand-in for the
 * WhatsApp Cloud API's send endpoint, both on loopback. Without them every e-mail reply failed to connect and was
 * retried until it was given up, and every WhatsApp reply failed for want of a sender number: work a real
 * installation does not do, counted in the figures as if it did, and the sending a real one does left out.
 * The stand-in answers as the Graph API does ({@code {"messages":[{"id":"wamid…"}]}}) and checks nothing else.
 */
final class ChannelSinks implements AutoCloseable {

    private final GreenMail mail;
    private final HttpServer graph;
    private final ExecutorService graphThreads;
    private final AtomicLong whatsappSends = new AtomicLong();

    private ChannelSinks(GreenMail mail, HttpServer graph, ExecutorService graphThreads) {
        this.mail = mail;
        this.graph = graph;
        this.graphThreads = graphThreads;
    }

    /** The account the platform signs in with, as it would at a real mail server (bench/end-to-end.sh passes it). */
    private static final String SMTP_USER = "support@bench.local";
    private static final String SMTP_PASSWORD = "bench-secret";

    /** Starts the sinks on the ports the platform was started with. */
    static ChannelSinks start(int smtpPort, int whatsappApiPort) throws IOException {
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.setUser(SMTP_USER, SMTP_USER, SMTP_PASSWORD);
        mail.start();
        HttpServer graph = HttpServer.create(new InetSocketAddress("127.0.0.1", whatsappApiPort), 64);
        ExecutorService graphThreads = Executors.newFixedThreadPool(4);
        ChannelSinks sinks = new ChannelSinks(mail, graph, graphThreads);
        graph.createContext("/", sinks::answerGraphApi);
        graph.setExecutor(graphThreads);
        graph.start();
        return sinks;
    }

    private void answerGraphApi(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/messages")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] answer = ("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.bench-"
                    + whatsappSends.incrementAndGet() + "\"}]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    long emailsReceived() {
        return mail.getReceivedMessages().length;
    }

    long whatsappMessagesReceived() {
        return whatsappSends.get();
    }

    @Override
    public void close() {
        graph.stop(0);
        // its threads would keep the driver's JVM alive after main returns
        graphThreads.shutdownNow();
        mail.stop();
    }
}
