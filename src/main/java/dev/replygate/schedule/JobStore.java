package dev.replygate.schedule;

import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

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

    /** Jobs in this process only: one node, the rule on H2. */
    static JobStore inMemory() {
        return new InMemory();
    }

    /** Jobs in the store's tables, shared with the other nodes; each node checks in every {@code checkIn}. */
    static JobStore clustered(DataSource dataSource, Duration checkIn) {
        return new Clustered(dataSource, checkIn, Clustered.PROCESS);
    }

    record InMemory() implements JobStore {
        @Override
        public Properties properties(String nodeName) {
            Properties properties = new Properties();
            properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "replygate-" + nodeName);
            properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
            return properties;
        }
    }

    /**
     * {@code process} tells this process's scheduler from an earlier one of the same node name whose
     * fired jobs are still recorded (killed, then restarted at once): the others recover those. A reload
     * keeps it, so the node's new scheduler takes over its old one's rows.
     */
    record Clustered(DataSource dataSource, Duration checkIn, String process) implements JobStore {

        static final String PROCESS = UUID.randomUUID().toString().substring(0, 8);

        @Override
        public Properties properties(String nodeName) {
            String instanceId = nodeName + "/" + process;
            // the store's pool, under a name of this node's own: the manager is one for the whole JVM
            String dataSourceName = "replygate-store-" + instanceId;
            DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new StoreConnections(dataSource));
            Properties properties = new Properties();
            properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, CLUSTER_NAME);
            properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instanceId);
            properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS,
                    "org.quartz.impl.jdbcjobstore.JobStoreTX");
            properties.setProperty("org.quartz.jobStore.driverDelegateClass",
                    "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
            properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
            // job data as text, never Java serialisation: the jobs carry their stage's name only
            properties.setProperty("org.quartz.jobStore.useProperties", "true");
            properties.setProperty("org.quartz.jobStore.isClustered", "true");
            properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkIn.toMillis()));
            properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
            return properties;
        }
    }
}
