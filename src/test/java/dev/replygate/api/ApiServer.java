package dev.replygate.api;

import com.icegreen.greenmail.util.GreenMail;
import dev.replygate.app.Replygate;
import dev.replygate.cli.TestConfigFile;
import dev.replygate.config.HttpServerConfig;
import dev.replygate.config.HttpServerConfig.BearerToken;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.config.Secret;
import dev.replygate.demo.GreenMailNullSender;
import dev.replygate.http.HttpServer;
import dev.replygate.mailbox.MailboxPoller;
import dev.replygate.testsupport.LoopbackGreenMail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * replygate's API on 127.0.0.1 at a free port, with GreenMail as its SMTP relay and support mailbox,
 * and two tokens: {@link #TOKEN} (the portal, generous) and {@link #TIGHT_TOKEN} (two requests a minute).
 */
final class ApiServer implements AutoCloseable {

    static final String TOKEN = "portal-token-0123456789abcdefghijklmnop";
    static final String TIGHT_TOKEN = "tight-token-0123456789abcdefghijklmnopq";
    static final int TIGHT_PER_MINUTE = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    final GreenMail greenMail;
    final Replygate replygate;
    final ApiRoutes api;
    final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ApiServer(Path folder) {
        GreenMailNullSender.install();
        greenMail = LoopbackGreenMail.smtpAndImap();
        greenMail.start(); // not registered as an extension: this server owns its GreenMail and stops it in close()
        ReplygateConfig config = TestConfigFile.loadWithSupportMailbox(folder, greenMail);
        replygate = new Replygate(config, Clock.systemUTC());
        HttpServerConfig http = new HttpServerConfig(true, "127.0.0.1", 0, List.of(
                new BearerToken("portal", Secret.of(TOKEN), 1000),
                new BearerToken("tight", Secret.of(TIGHT_TOKEN), TIGHT_PER_MINUTE)), Optional.empty());
        api = replygate.apiRoutes();
        server = HttpServer.start(http, List.of(api));
    }

    /** The API's base URL, ending in {@code /api/v1/}. */
    String base() {
        return server.address() + "api/v1/";
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base()).resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + TOKEN);
    }

    HttpRequest.Builder postJson(String path, String json) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Delivers everything queued to GreenMail, and reads the support mailbox. */
    void deliverAndPoll() {
        Replygate.deliverAllDue(replygate.deliverer());
        for (MailboxPoller poller : replygate.mailboxPollers()) {
            Replygate.pollUntilEmpty(poller);
        }
        Replygate.deliverAllDue(replygate.deliverer());
    }

    @Override
    public void close() {
        server.close();
        replygate.close();
        greenMail.stop();
    }
}
