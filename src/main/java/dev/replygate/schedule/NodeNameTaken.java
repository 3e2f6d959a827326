package dev.replygate.schedule;

/** Another live process runs under this node's name on the same store: this one must not start. */
public final class NodeNameTaken extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    NodeNameTaken(String nodeName) {
        super("another live process runs as node '" + nodeName + "' on this store: give each node its own"
                + " instance.name, or stop the other one first");
    }
}
