package dev.replygate.schedule;

/** Another live process runs under this node's name on the same store: this one must not start, or must stop. */
public final class NodeNameTaken extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private NodeNameTaken(String message) {
        super(message);
    }

    /** A process starting as node {@code nodeName} finds another one running as it. */
    static NodeNameTaken atStart(String nodeName) {
        return new NodeNameTaken("another live process runs as node '" + nodeName + "' on this store: give each"
                + " node its own instance.name, or stop the other one first");
    }

    /** This process lost its claim on the name (its session in the store ended) and another one has it now. */
    static NodeNameTaken afterLoss(String nodeName) {
        return new NodeNameTaken("node '" + nodeName + "' lost its name's lock in the store (the store restarted"
                + " or the connection was cut) and another live process runs as node '" + nodeName + "' now:"
                + " this one stops its stages and exits, so that two never run as one node; give each node its"
                + " own instance.name");
    }
}
