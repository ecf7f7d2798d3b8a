// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.server;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/** An embedded servlet container on a free loopback port serving one application. */
interface ServerHost extends AutoCloseable {

    /** The endpoint classes every target deploys. */
    Set<Class<?>> ENDPOINTS = Set.of(EchoEndpoint.class, BroadcastEndpoint.class);

    int port();

    /**
     * Answers 404 to whatever the WebSocket filter passes on. Every target maps it to "/": Tomcat
     * runs an application's filters only for requests some servlet matches.
     */
    final class NotFound extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(404, "No resource at " + request.getRequestURI());
        }
    }

    /** The named initializer, which must be on this JVM's classpath: the target's WebSocket. */
    static ServletContainerInitializer initializer(String className) throws ReflectiveOperationException {
        return Class.forName(className).asSubclass(ServletContainerInitializer.class).getConstructor().newInstance();
    }
}
