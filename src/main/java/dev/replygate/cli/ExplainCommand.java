package dev.replygate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.config.ConfigLoader;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.inbound.Explainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Replays the inbound decision offline (no mailbox, no store) on .eml files: prints one JSON "
                + "line per file with its class, action, ticket and every rule that fired. Exit 0 whatever the "
                + "input; without --config it uses the defaults of config/replygate.yaml and a signing key made "
                + "for this run, so it recognises our signed Message-IDs only when given --config.")
final class ExplainCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (its signing keys verify our Message-IDs); default: the "
                    + "built-in defaults.")
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
        Explainer explainer = Replygate.offlineExplainer(config, Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        for (Path file : files) {
            out.println(json.writeValueAsString(explain(explainer, file)));
            out.flush();
        }
        return ExitCodes.OK;
    }

    private ObjectNode explain(Explainer explainer, Path file) {
        ObjectNode line = json.createObjectNode();
        line.put("file", file.toString());
        try (InputStream in = Files.newInputStream(file)) {
            Explainer.Explanation explanation = explainer.explain(in);
            line.put("class", explanation.mailClass());
            line.put("action", explanation.action());
            line.put("ticket", explanation.ticket());
            line.put("answer_to", explanation.answerTo());
            line.put("message_id", explanation.messageId());
            line.put("subject", explanation.subject());
            line.set("reasons", rules(explanation.reasons()));
            line.set("weak_signals", rules(explanation.weakSignals()));
        } catch (Exception e) {
            line.put("class", "unparseable");
            line.put("action", "quarantine");
            line.putNull("ticket");
            ArrayNode reasons = line.putArray("reasons");
            reasons.addObject().put("rule", "read-failed").put("value", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return line;
    }

    private ArrayNode rules(List<Explainer.Explanation.Rule> rules) {
        ArrayNode array = json.createArrayNode();
        rules.forEach(rule -> array.addObject().put("rule", rule.rule()).put("value", rule.value()));
        return array;
    }
}
