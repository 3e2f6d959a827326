package dev.replygate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.config.ConfigLoader;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.inbound.Explainer;
import dev.replygate.store.Store;
import dev.replygate.store.StoreNotRecoveredException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Replays the inbound decision on .eml files, as run would decide it (no mailbox; rate limits "
                + "not applied): prints one JSON line per file with its class, action, ticket and every rule that "
                + "fired. With --config whose store exists, it reads the notifications on record there, read-only "
                + "(never creating, migrating or writing the store); without one, a reply to an unknown "
                + "notification also says what would happen were it on record. A file that cannot be read gets a "
                + "line with an error and the exit code is 1, after the other files. Without --config it uses the "
                + "defaults of config/replygate.yaml and a signing key made for this run, so it recognises our "
                + "signed Message-IDs only when given --config.")
final class ExplainCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (its signing keys verify our Message-IDs, its store holds the "
                    + "notifications on record); default: the built-in defaults, no store.")
    Path configFile;

    @Parameters(paramLabel = "FILE.eml", arity = "1..*", description = "Messages to explain.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        ReplygateConfig config = configFile == null ? ConfigLoader.loadDefaults()
                : ConfigFiles.load(configFile).config();
        Optional<Store> store;
        try {
            store = configFile == null ? Optional.empty() : Store.openReadOnly(config.store());
        } catch (StoreNotRecoveredException e) {
            throw new UserFacingException(e.getMessage());
        }
        try {
            return explainAll(Replygate.explainer(config, Clock.systemUTC(), store));
        } finally {
            store.ifPresent(Store::close);
        }
    }

    private int explainAll(Explainer explainer) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        int exitCode = ExitCodes.OK;
        for (Path file : files) {
            ObjectNode line = json.createObjectNode();
            line.put("file", file.toString());
            try (InputStream in = Files.newInputStream(file)) {
                describe(line, explainer.explain(in));
            } catch (IOException | RuntimeException e) {
                line.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
                exitCode = ExitCodes.FAILURE;
            }
            out.println(json.writeValueAsString(line));
            out.flush();
        }
        return exitCode;
    }

    private void describe(ObjectNode line, Explainer.Explanation explanation) {
        line.put("class", explanation.mailClass());
        line.put("action", explanation.action());
        line.put("ticket", explanation.ticket());
        line.put("answer_to", explanation.answerTo());
        line.put("message_id", explanation.messageId());
        line.put("subject", explanation.subject());
        line.set("reasons", rules(explanation.reasons()));
        line.set("weak_signals", rules(explanation.weakSignals()));
        if (explanation.ifOnRecord() != null) {
            line.putObject("if_notification_on_record").put("action", explanation.ifOnRecord().action())
                    .put("answer_to", explanation.ifOnRecord().answerTo());
        }
    }

    private ArrayNode rules(List<Explainer.Explanation.Rule> rules) {
        ArrayNode array = json.createArrayNode();
        rules.forEach(rule -> array.addObject().put("rule", rule.rule()).put("value", rule.value()));
        return array;
    }
}
