package dev.replygate.cli;

import dev.replygate.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Shows replygate end to end on an embedded mail server and a temporary store: queues a "
                + "Persian and an English ticket notification, delivers them over SMTP and reads them back over "
                + "IMAP as the customers, answers their replies, and ends with the operators' digest of it all.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        new Demo(spec.commandLine().getOut()).run();
        return ExitCodes.OK;
    }
}
