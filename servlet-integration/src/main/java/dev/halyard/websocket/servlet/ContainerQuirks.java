// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import jakarta.servlet.ServletInputStream;

/**
 * What a servlet container needs beyond the Servlet specification to drive an upgraded connection,
 * chosen once per connection from its input stream. Tomcat's needs are {@link TomcatQuirks}; other
 * containers (Jetty) follow the specification and need none ({@link #NONE}). Why each exists:
 * docs/DESIGN.md, "Reading an upgraded connection" and "Closing an upgraded connection on Tomcat".
 */
interface ContainerQuirks {

    /** A container that follows the Servlet specification. */
    ContainerQuirks NONE = new ContainerQuirks() {
        @Override
        public boolean onlyContainerThreadsRead() {
            return false;
        }

        @Override
        public void requestReadDispatch() {
        }

        @Override
        public void requestCloseDispatch() {
        }

        @Override
        public String toString() {
            return "no container quirks";
        }
    };

    /** The quirks of the container whose upgraded input stream {@code in} is. */
    static ContainerQuirks of(ServletInputStream in) {
        return TomcatQuirks.isTomcats(in) ? new TomcatQuirks(in) : NONE;
    }

    /**
     * Whether only the container's threads may read the stream. When so, a container thread that
     * finds the inbox full waits a while for room and then gives up; when not, it hands the stream
     * to the read loop, which reads on once it has room.
     */
    boolean onlyContainerThreadsRead();

    /** After a container thread gave up on a full inbox and the read loop made room: asks for a read dispatch. */
    void requestReadDispatch();

    /** After {@code WebConnection.close()}: asks for the dispatch in which the container closes the socket. */
    void requestCloseDispatch();
}
