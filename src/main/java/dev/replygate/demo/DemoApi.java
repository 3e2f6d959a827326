package dev.replygate.demo;

import dev.replygate.api.ApiRoutes;
import dev.replygate.app.Replygate;
import dev.replygate.config.HttpServerConfig;
import dev.replygate.config.HttpServerConfig.BearerToken;
import dev.replygate.config.Secret;
import dev.replygate.http.HttpServer;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The portal's API for the demo: its own server on a free loopback port that takes one token made up
 * for this run. It is apart from the status page, which the demo serves without credentials, because a
 * server with a token asks every request for one.
 */
public final class DemoApi implements AutoCloseable {

    private final HttpServer server;
    private final Secret token;

    private DemoApi(HttpServer server, Secret token) {
        this.server = server;
        this.token = token;
    }

    static DemoApi start(Replygate replygate) {
        Secret token = Secret.generate();
        HttpServerConfig config = new HttpServerConfig(true, "127.0.0.1", 0, List.of(new BearerToken("demo", token)),
                Optional.empty());
        return new DemoApi(HttpServer.start(config, List.of(replygate.apiRoutes())), token);
    }

    /** The API's base URL, such as {@code http://127.0.0.1:PORT/api/v1/}. */
    public URI url() {
        return URI.create(server.address()).resolve(ApiRoutes.BASE + "/");
    }

    /** The demo's bearer token: lives as long as this run, so it is shown, unlike configured secrets. */
    public String token() {
        return token.reveal();
    }

    @Override
    public void close() {
        server.close();
    }
}
