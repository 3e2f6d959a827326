package dev.replygate.cli;

import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.config.ConfigException;
import dev.replygate.config.ConfigProblem;
import dev.replygate.config.EffectiveConfig;
import dev.replygate.config.HttpServerConfig;
import dev.replygate.config.LoadedConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.http.HttpServer;
import dev.replygate.schedule.NodeNameTaken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The daemon's stages, which a reload replaces with those of a new configuration: the running stages
 * finish, then the new ones start on the same store. A configuration that cannot be used, or that changes
 * what cannot change while running (the store; the HTTP server's address), is refused and the old one
 * keeps running.
 */
final class ReloadableStages {

    private static final Logger log = LoggerFactory.getLogger(ReloadableStages.class);

    private final Function<ReplygateConfig, Optional<HttpServerConfig>> http;
    private RunningStages current;
    private Consumer<NodeNameTaken> onNameTaken = taken -> { };
    private boolean stopped;

    /** {@code http}: the endpoints a configuration serves, if any. */
    ReloadableStages(Function<ReplygateConfig, Optional<HttpServerConfig>> http) {
        this.http = http;
    }

    /**
     * Starts the stages of {@code replygate}; should another process take this node's name while they run
     * (this one's claim was lost), they stop firing and {@code onNameTaken} is told.
     */
    synchronized void start(Replygate replygate, Consumer<NodeNameTaken> onNameTaken) {
        this.onNameTaken = onNameTaken;
        current = RunningStages.start(replygate, http.apply(replygate.config()), onNameTaken);
    }

    /** The operators' endpoints of the running stages. */
    synchronized Optional<HttpServer> server() {
        return current == null ? Optional.empty() : current.server();
    }

    /** Re-reads {@code configFile} and runs it, or refuses it (see {@link ReloadOutcome}). */
    synchronized ReloadOutcome reload(Path configFile) {
        if (stopped || current == null) {
            return ReloadOutcome.refused(List.of("replygate is starting or stopping"));
        }
        log.info("reloading {}", configFile);
        LoadedConfig loaded;
        try {
            loaded = ConfigFiles.load(configFile);
            refuseUnchangeable(loaded, current.replygate().config());
        } catch (ConfigException e) {
            List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
            log.error("reload refused, the running configuration stays: {} problem(s)", problems.size());
            problems.forEach(problem -> log.error("reload refused: {}", problem));
            return ReloadOutcome.refused(problems);
        }
        Replygate previous = current.replygate();
        Replygate next;
        try {
            next = previous.reconfigured(loaded.config());
        } catch (RuntimeException e) {
            log.error("reload refused, the running configuration stays: its parts cannot be built", e);
            return ReloadOutcome.refused(List.of("the new configuration cannot be used: " + e.getMessage()));
        }
        EffectiveConfig.describe(loaded.config()).forEach(line -> log.info("config: {}", line));
        log.info("reload: letting running stages finish");
        current.close();
        try {
            current = RunningStages.start(next, http.apply(next.config()), onNameTaken);
        } catch (NodeNameTaken e) {
            return nameTaken(e);
        } catch (RuntimeException e) {
            log.error("reload failed to start the new configuration; the previous one runs again", e);
            try {
                current = RunningStages.start(previous, http.apply(previous.config()), onNameTaken);
            } catch (NodeNameTaken taken) {
                return nameTaken(taken);
            }
            return ReloadOutcome.refused(List.of("the new configuration did not start: " + e.getMessage()));
        }
        log.info("reload done: {} runs", configFile);
        return ReloadOutcome.applied(configFile);
    }

    /**
     * The reload let go of this node's name between the old stages and the new, and another process took it:
     * no stages run any more, and the daemon is told to stop, as when its claim was lost while running.
     */
    private ReloadOutcome nameTaken(NodeNameTaken taken) {
        current = null;
        log.error("reload: {}; this one stops", taken.getMessage());
        onNameTaken.accept(taken);
        return ReloadOutcome.refused(List.of(taken.getMessage()));
    }

    /** Stops the stages for good, letting running ones finish; a reload after this is refused. */
    synchronized void stop() {
        stopped = true;
        if (current != null) {
            current.close();
        }
    }

    private static void refuseUnchangeable(LoadedConfig loaded, ReplygateConfig running) {
        ReplygateConfig next = loaded.config();
        List<ConfigProblem> problems = new ArrayList<>();
        if (!next.store().equals(running.store())) {
            problems.add(loaded.problem("store", "cannot change on reload: replygate keeps the store it started "
                    + "with; put the store's settings back, or restart replygate to use the new ones"));
        }
        HttpServerConfig nextHttp = next.http();
        HttpServerConfig runningHttp = running.http();
        if (nextHttp.enabled() != runningHttp.enabled() || !nextHttp.bindAddress().equals(runningHttp.bindAddress())
                || nextHttp.port() != runningHttp.port()) {
            problems.add(loaded.problem("http", "enabled, bind-address and port cannot change on reload (the "
                    + "other http keys can); put them back, or restart replygate to use the new ones"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
