// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

/**
 * The container defaults a web application sets with {@code halyard.*} context init parameters;
 * README lists them. A value that is not a number is a deployment error naming the parameter.
 */
final class ContainerSettings {

    static final String MAX_TEXT_MESSAGE = "halyard.maxTextMessageBufferSize";
    static final String MAX_BINARY_MESSAGE = "halyard.maxBinaryMessageBufferSize";
    static final String MAX_IDLE_TIMEOUT = "halyard.maxSessionIdleTimeout";
    static final String ASYNC_SEND_TIMEOUT = "halyard.asyncSendTimeout";
    static final String BLOCKING_SEND_TIMEOUT = "halyard.blockingSendTimeout";
    static final String MAX_SEND_BACKLOG = "halyard.maxSendBacklog";
    static final String MAX_SEND_BACKLOG_TOTAL = "halyard.maxSendBacklogTotal";
    static final String PER_MESSAGE_DEFLATE = "halyard.permessageDeflate";
    static final String DEFLATE_THRESHOLD = "halyard.deflateThreshold";
    static final String ALLOWED_ORIGINS = "halyard.allowedOrigins";
    static final String KEEP_ALIVE_INTERVAL = "halyard.keepAliveInterval";
    static final String KEEP_ALIVE_TIMEOUT = "halyard.keepAliveTimeout";
    static final String MAX_THREADS = "halyard.maxThreads";
    static final String VIRTUAL_THREADS = "halyard.virtualThreads";

    private static final java.util.SortedSet<String> KNOWN = new java.util.TreeSet<>(java.util.List.of(MAX_TEXT_MESSAGE,
            MAX_BINARY_MESSAGE, MAX_IDLE_TIMEOUT, ASYNC_SEND_TIMEOUT, BLOCKING_SEND_TIMEOUT, MAX_SEND_BACKLOG, MAX_SEND_BACKLOG_TOTAL,
            PER_MESSAGE_DEFLATE, DEFLATE_THRESHOLD, ALLOWED_ORIGINS, KEEP_ALIVE_INTERVAL, KEEP_ALIVE_TIMEOUT, MAX_THREADS,
            VIRTUAL_THREADS));

    private static final System.Logger LOG = System.getLogger(ContainerSettings.class.getName());

    private ContainerSettings() {
    }

    static void apply(ServletContext context, ServletServerContainer container) throws ServletException {
        for (String name : java.util.Collections.list(context.getInitParameterNames())) {
            if (name.startsWith("halyard.") && !KNOWN.contains(name)) {
                // A misspelt setting would otherwise be ignored without a word: said once, as the application starts.
                LOG.log(System.Logger.Level.WARNING, "Context init parameter " + name + " is not a Halyard setting and is ignored; "
                        + "the settings are " + String.join(", ", KNOWN));
            }
        }
        Long value;
        if ((value = number(context, MAX_TEXT_MESSAGE)) != null) {
            container.setDefaultMaxTextMessageBufferSize(Math.toIntExact(value));
        }
        if ((value = number(context, MAX_BINARY_MESSAGE)) != null) {
            container.setDefaultMaxBinaryMessageBufferSize(Math.toIntExact(value));
        }
        if ((value = number(context, MAX_IDLE_TIMEOUT)) != null) {
            container.setDefaultMaxSessionIdleTimeout(value);
        }
        if ((value = number(context, ASYNC_SEND_TIMEOUT)) != null) {
            container.setAsyncSendTimeout(value);
        }
        if ((value = number(context, BLOCKING_SEND_TIMEOUT)) != null) {
            container.setBlockingSendTimeout(value);
        }
        if ((value = number(context, MAX_SEND_BACKLOG)) != null) {
            container.setMaxSendBacklogBytes(value);
        }
        if ((value = number(context, MAX_SEND_BACKLOG_TOTAL)) != null) {
            try {
                container.setMaxSendBacklogTotalBytes(value);
            } catch (IllegalArgumentException e) {
                throw new ServletException("Context init parameter " + MAX_SEND_BACKLOG_TOTAL + ": " + e.getMessage(), e);
            }
        }
        if ((value = number(context, MAX_THREADS)) != null) {
            try {
                container.setMaxThreads(Math.toIntExact(value));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new ServletException("Context init parameter " + MAX_THREADS + ": " + e.getMessage(), e);
            }
        }
        if (Boolean.TRUE.equals(flag(context, VIRTUAL_THREADS)) && !container.useVirtualThreads()) {
            LOG.log(System.Logger.Level.WARNING, VIRTUAL_THREADS + " is true, but Java " + Runtime.version().feature()
                    + " has no virtual threads (Java 21 and later have): read loops and callbacks run on a pool of at most "
                    + container.maxThreads() + " threads");
        }
        if ((value = number(context, DEFLATE_THRESHOLD)) != null) {
            container.setDeflateThreshold(Math.toIntExact(value));
        }
        Long interval = number(context, KEEP_ALIVE_INTERVAL);
        Long timeout = number(context, KEEP_ALIVE_TIMEOUT);
        if (interval != null || timeout != null) {
            try {
                container.setKeepAlive(interval != null ? interval : container.keepAliveIntervalMillis(),
                        timeout != null ? timeout : container.keepAliveTimeoutMillis());
            } catch (IllegalArgumentException e) {
                throw new ServletException("Context init parameters " + KEEP_ALIVE_INTERVAL + " and " + KEEP_ALIVE_TIMEOUT
                        + ": " + e.getMessage(), e);
            }
        }
        try {
            container.setAllowedOrigins(dev.halyard.websocket.server.AllowedOrigins.parse(context.getInitParameter(ALLOWED_ORIGINS)));
        } catch (IllegalArgumentException e) {
            throw new ServletException("Context init parameter " + ALLOWED_ORIGINS + ": " + e.getMessage(), e);
        }
        Boolean deflate = flag(context, PER_MESSAGE_DEFLATE);
        if (deflate != null) {
            container.setPerMessageDeflate(deflate);
        }
    }

    /** A true/false parameter; null when absent. */
    private static Boolean flag(ServletContext context, String name) throws ServletException {
        String text = context.getInitParameter(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!text.trim().equalsIgnoreCase("true") && !text.trim().equalsIgnoreCase("false")) {
            throw new ServletException("Context init parameter " + name + " must be true or false, got \"" + text + "\"");
        }
        return Boolean.parseBoolean(text.trim());
    }

    private static Long number(ServletContext context, String name) throws ServletException {
        String text = context.getInitParameter(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new ServletException("Context init parameter " + name + " must be a whole number, got \"" + text + "\"", e);
        }
    }
}
