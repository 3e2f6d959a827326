package dev.replygate.schedule;

import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Where Quartz keeps the stages' jobs and triggers: in memory for one node (H2), or in the store's
 * PostgreSQL tables ({@code db/postgresql/V17}) shared by every node of a cluster, where each job runs
 * on one node at a time and a node that stops checking in loses its jobs to the others.
 */
public sealed interface JobStore {

    /** All nodes of a cluster share this scheduler name: it keys their rows in the QRTZ_ tables. */
    String CLUSTER_NAME = "replygate";

    /** The Quartz settings of this store for a scheduler of node {@code nodeName}. */
    Properties properties(String nodeName);

    /**
     * Makes sure no other live process runs as node {@code nodeName} until the returned claim is closed;
     * throws {@link IllegalStateException} saying so when one does. Should the claim be lost while it is
     * held and another process take the name meanwhile, {@code onTaken} is told, once.
     */
    AutoCloseable claim(String nodeName, Consumer<NodeNameTaken> onTaken);

    /** Jobs in this process only: one node, the rule on H2. */
    static JobStore inMemory() {
        return new InMemory();
    }

    /**
     * Jobs in the store's tables, shared with the other nodes: a node silent for {@code checkIn} loses its
     * jobs to the others ({@link CheckInJobStore}).
     */
    static JobStore clustered(DataSource dataSource, Duration checkIn) {
        return new Clustered(dataSource, checkIn, FairShare.JOINING);
    }

    /**
     * As {@link #clustered(DataSource, Duration)}, a node taking no more than half the mailboxes' runs for {@code
     * joining} after it starts ({@link FairShare#JOINING}).
     */
    static JobStore clustered(DataSource dataSource, Duration checkIn, Duration joining) {
        return new Clustered(dataSource, checkIn, joining);
    }

    record InMemory() implements JobStore {
        @Override
        public Properties properties(String nodeName) {
            Properties properties = new Properties();
            properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "replygate-" + nodeName);
            properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
            return properties;
        }

        /** The store itself admits one process (H2's file lock): nothing to claim. */
        @Override
        public AutoCloseable claim(String nodeName, Consumer<NodeNameTaken> onTaken) {
            return () -> { };
        }
    }

    /**
     * The node's name is its Quartz instance id: a node restarted after a crash finds the jobs it was
     * running under its own name and runs them again at its first check-in, instead of waiting for
     * another node to declare it dead. {@link NodeNameClaim} keeps two live processes off one name.
     */
    record Clustered(DataSource dataSource, Duration checkIn, Duration joining) implements JobStore {

        /** How long a node's scheduler waits, when nothing is due, before it looks at the store again. */
        private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

        @Override
        public Properties properties(String nodeName) {
            // the store's pool, under a name of this node's own: the manager is one for the whole JVM
            String dataSourceName = "replygate-store-" + nodeName;
            DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new StoreConnections(dataSource));
            Properties properties = new Properties();
            properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, CLUSTER_NAME);
            properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, nodeName);
            properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, CheckInJobStore.class.getName());
            properties.setProperty("org.quartz.jobStore.driverDelegateClass", FairShareDelegate.class.getName());
            properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
            properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
            // job data as text, never Java serialisation: the jobs carry their stage's name only
            properties.setProperty("org.quartz.jobStore.useProperties", "true");
            properties.setProperty("org.quartz.jobStore.isClustered", "true");
            properties.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                    Long.toString(CheckInJobStore.checkInEvery(checkIn).toMillis()));
            properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
            properties.setProperty("org.quartz.jobStore.joiningMillis", Long.toString(joining.toMillis()));
            // Quartz alerts only this node's scheduler thread of what this node schedules or finishes; what the
            // others leave (a spread stage's run beyond their share, FairShare) it finds at its next look at the
            // store, every idle wait: 1 s (Quartz's least) instead of 30 s. A look is one short transaction.
            properties.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(IDLE_WAIT.toMillis()));
            return properties;
        }

        /** The claim looks after itself as often as the node checks in. */
        @Override
        public AutoCloseable claim(String nodeName, Consumer<NodeNameTaken> onTaken) {
            return NodeNameClaim.take(dataSource, nodeName, CheckInJobStore.checkInEvery(checkIn), onTaken);
        }
    }
}
