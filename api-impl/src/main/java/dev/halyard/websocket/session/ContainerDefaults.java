// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import jakarta.websocket.WebSocketContainer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every Halyard container, server or client, keeps for the sessions it opens: the defaults of
 * {@link WebSocketContainer} plus Halyard's blocking send timeout and send backlog, checked when
 * set, and the thread pool that runs read loops and callbacks.
 */
public abstract class ContainerDefaults implements WebSocketContainer {

    private volatile long defaultMaxSessionIdleTimeout = SessionDefaults.MAX_IDLE_TIMEOUT_MILLIS;
    private volatile long defaultAsyncSendTimeout = SessionDefaults.ASYNC_SEND_TIMEOUT_MILLIS;
    private volatile int defaultMaxTextMessageBufferSize = SessionDefaults.MAX_TEXT_MESSAGE_BYTES;
    private volatile int defaultMaxBinaryMessageBufferSize = SessionDefaults.MAX_BINARY_MESSAGE_BYTES;
    private volatile long blockingSendTimeout = SessionDefaults.BLOCKING_SEND_TIMEOUT_MILLIS;
    private volatile long maxSendBacklogBytes = SessionDefaults.MAX_SEND_BACKLOG_BYTES;
    private volatile int deflateThreshold = SessionDefaults.DEFLATE_THRESHOLD_BYTES;
    private volatile long keepAliveIntervalMillis = SessionDefaults.KEEP_ALIVE_INTERVAL_MILLIS;
    private volatile long keepAliveTimeoutMillis = SessionDefaults.KEEP_ALIVE_TIMEOUT_MILLIS;
    private final SendBudget sendBudget = new SendBudget(SendBudget.defaultLimit());

    /**
     * Where the handler of a streamed message ({@code InputStream}, {@code Reader}) runs while the
     * read loop feeds it: a pool of its own, since the read loop waits for it and the read loops'
     * pool may be full of such waiting loops. It holds at most one thread per running read loop.
     */
    public abstract java.util.concurrent.Executor streamHandlers();

    /** The settings a session opened now starts with. */
    public SessionConfig sessionConfig() {
        return new SessionConfig(defaultMaxTextMessageBufferSize, defaultMaxBinaryMessageBufferSize, defaultMaxSessionIdleTimeout,
                defaultAsyncSendTimeout, blockingSendTimeout, maxSendBacklogBytes, SessionDefaults.CLOSE_HANDSHAKE_TIMEOUT_MILLIS,
                keepAliveIntervalMillis, keepAliveTimeoutMillis);
    }

    /** Takes every default of {@code other}. */
    public void copyDefaults(ContainerDefaults other) {
        setDefaultMaxSessionIdleTimeout(other.getDefaultMaxSessionIdleTimeout());
        setAsyncSendTimeout(other.getDefaultAsyncSendTimeout());
        setDefaultMaxTextMessageBufferSize(other.getDefaultMaxTextMessageBufferSize());
        setDefaultMaxBinaryMessageBufferSize(other.getDefaultMaxBinaryMessageBufferSize());
        setBlockingSendTimeout(other.blockingSendTimeout);
        setMaxSendBacklogBytes(other.maxSendBacklogBytes);
        setDeflateThreshold(other.deflateThreshold);
        setKeepAlive(other.keepAliveIntervalMillis, other.keepAliveTimeoutMillis);
    }

    /** The bytes of asynchronous messages all this container's sessions may leave unsent together. */
    public SendBudget sendBudget() {
        return sendBudget;
    }

    public void setMaxSendBacklogTotalBytes(long bytes) {
        sendBudget.setLimit(bytes);
    }

    /**
     * The connection of a session opened now: its send queue bounded by the session's backlog and
     * this container's budget, reporting sends refused for longer than the blocking send timeout,
     * counting into {@code statistics} (its endpoint's, or the client container's).
     */
    protected WebSocketConnection newConnection(Transport transport, dev.halyard.websocket.frame.Role role,
            dev.halyard.websocket.extension.ExtensionChain extensions, SessionConfig settings, SessionStatistics statistics) {
        return new WebSocketConnection(transport, role, extensions, settings.maxSendBacklogBytes(), sendBudget,
                settings.blockingSendTimeoutMillis(), statistics);
    }

    /**
     * Pings a peer after {@code intervalMillis} without a frame from it, and closes its session when
     * it shows no life within {@code timeoutMillis} of the ping; an interval of 0 turns keepalive off.
     */
    public void setKeepAlive(long intervalMillis, long timeoutMillis) {
        if (intervalMillis < 0) {
            throw new IllegalArgumentException("The keepalive interval must not be negative, got " + intervalMillis);
        }
        if (intervalMillis > 0 && timeoutMillis <= 0) {
            throw new IllegalArgumentException("The keepalive timeout must be positive, got " + timeoutMillis);
        }
        this.keepAliveIntervalMillis = intervalMillis;
        this.keepAliveTimeoutMillis = timeoutMillis;
    }

    public long keepAliveIntervalMillis() {
        return keepAliveIntervalMillis;
    }

    public long keepAliveTimeoutMillis() {
        return keepAliveTimeoutMillis;
    }

    /** With permessage-deflate, whole messages shorter than this many bytes go out uncompressed. */
    public int deflateThreshold() {
        return deflateThreshold;
    }

    public void setDeflateThreshold(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("The compression threshold must not be negative, got " + bytes);
        }
        this.deflateThreshold = bytes;
    }

    /**
     * Daemon threads named {@code name-N}, with the calling thread's context class loader, created when work comes and ended after
     * {@code keepAliveSeconds} idle, so idle sessions hold none. Never full; after shutdown, work
     * handed to it is dropped.
     */
    protected static ThreadPoolExecutor newExecutor(String name, long keepAliveSeconds) {
        return newExecutor(name, keepAliveSeconds, Integer.MAX_VALUE);
    }

    /**
     * As above, with at most {@code maxThreads} threads: an idle thread takes new work first, a new
     * one starts at once up to the processor count and past it only for work stalled behind busy or
     * blocked threads ({@link ElasticPool}), and past the maximum work waits in the pool's queue (which
     * holds at most a task or two per connection that is ready, so the connections bound it).
     */
    protected static ThreadPoolExecutor newExecutor(String name, long keepAliveSeconds, int maxThreads) {
        if (maxThreads <= 0) {
            throw new IllegalArgumentException("A thread pool needs at least one thread, got a maximum of " + maxThreads);
        }
        AtomicInteger threads = new AtomicInteger();
        // The context class loader is the application's, whichever thread starts a pool thread (COMPATIBILITY.md C7).
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        java.util.concurrent.ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        };
        return new ElasticPool(maxThreads, keepAliveSeconds, factory);
    }

    /**
     * An executor with a virtual thread per task (Java 21 and later), threads named {@code name-N},
     * running with the calling thread's context class loader; null on an older Java.
     */
    protected static ExecutorService newVirtualThreadExecutor(String name) {
        return VirtualThreads.create(name);
    }

    /** Shuts {@code executor} down, letting read loops that finish their close frames end within a second. */
    protected static void stop(ExecutorService executor) {
        executor.shutdown();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void setBlockingSendTimeout(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("The blocking send timeout must be positive, got " + millis);
        }
        this.blockingSendTimeout = millis;
    }

    public void setMaxSendBacklogBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("The send backlog limit must be positive, got " + bytes);
        }
        this.maxSendBacklogBytes = bytes;
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return defaultAsyncSendTimeout;
    }

    @Override
    public void setAsyncSendTimeout(long timeoutmillis) {
        this.defaultAsyncSendTimeout = timeoutmillis;
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return defaultMaxSessionIdleTimeout;
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        this.defaultMaxSessionIdleTimeout = timeout;
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return defaultMaxBinaryMessageBufferSize;
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("The binary message buffer size must not be negative, got " + max);
        }
        this.defaultMaxBinaryMessageBufferSize = max;
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return defaultMaxTextMessageBufferSize;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("The text message buffer size must not be negative, got " + max);
        }
        this.defaultMaxTextMessageBufferSize = max;
    }
}
