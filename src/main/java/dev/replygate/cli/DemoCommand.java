package dev.replygate.cli;

import dev.replygate.config.HttpServerConfig;
import dev.replygate.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Shows replygate end to end on an embedded mail server and a temporary store: queues a "
                + "Persian and an English ticket notification through the HTTP API as a portal would, delivers them "
                + "over SMTP and reads them back over IMAP as the customers, answers their replies, and ends with "
                + "the operators' digest of it all.")
final class DemoCommand implements Callable<Integer> {

    /** The status page of the demo: loopback, on a free port, no credentials (nothing leaves this machine). */
    private static final HttpServerConfig STATUS_PAGE = new HttpServerConfig(true, "127.0.0.1", 0, List.of(),
            Optional.empty());

    @Spec
    CommandSpec spec;

    @Option(names = "--keep-running", description = "After the story, go on as the daemon does (mail, status page, "
            + "metrics, the portal's API) until stopped (Ctrl-C, SIGTERM); prints the status page's URL, the API's "
            + "and the API token made up for this run.")
    boolean keepRunning;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Demo demo = new Demo(out);
        if (!keepRunning) {
            demo.run();
            return ExitCodes.OK;
        }
        CountDownLatch closed = new CountDownLatch(1);
        try {
            demo.run((replygate, api) -> RunCommand.runUntilStopped(replygate, Optional.of(STATUS_PAGE), server -> {
                out.printf("%nreplygate keeps running (mail, status page, metrics, API); stop it with Ctrl-C%n");
                out.println("status page: " + server.address());
                out.println("api: " + api.url());
                out.println("api token (this demo run only): " + api.token());
                out.printf("  try: curl -H 'Authorization: Bearer %s' %sopenapi.json%n", api.token(), api.url());
                out.flush();
            }, closed));
        } finally {
            closed.countDown();
        }
        return ExitCodes.OK;
    }
}
