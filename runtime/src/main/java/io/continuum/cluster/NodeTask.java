package io.continuum.cluster;

import java.io.Serializable;

/**
 * Work a feature hands to one named node (or every node), which runs it on its own beans: the node that
 * holds a chat socket pushes on it, the node running a simulation cancels it. Records of plain values: the
 * task travels between nodes by Java serialization, limited to Continuum's and the JDK's classes.
 *
 * @param <R> what the node answers
 */
public interface NodeTask<R extends Serializable> extends Serializable {

    /** Runs on the receiving node. */
    R run();
}
