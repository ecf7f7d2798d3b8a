// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * GET /health: {@code key=value} lines about the target's heap, threads, descriptors and sessions.
 * {@code heapUsedAfterGc} is the used heap 100 ms after two full collections;
 * {@code heapLiveAfterGc} what the second collection left (the heap pools' collection usage), which
 * does not count what a busy server allocated during those 100 ms.
 */
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long heapUsedAfterGc;
        long heapLiveAfterGc = 0;
        try {
            System.gc();
            System.gc();
            // What the last collection left: exact even while the server allocates (under attack)
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    heapLiveAfterGc += pool.getCollectionUsage().getUsed();
                }
            }
            Thread.sleep(100); // in the target, not a test's wait: the runtime's figure is read a moment after the collections
            Runtime runtime = Runtime.getRuntime();
            heapUsedAfterGc = runtime.totalMemory() - runtime.freeMemory();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            heapUsedAfterGc = -1;
        } catch (OutOfMemoryError e) {
            Registry.OOM.set(true);
            throw e;
        }
        StringBuilder body = new StringBuilder();
        body.append("heapUsedAfterGc=").append(heapUsedAfterGc).append('\n');
        body.append("heapLiveAfterGc=").append(heapLiveAfterGc).append('\n');
        body.append("heapMax=").append(Runtime.getRuntime().maxMemory()).append('\n');
        body.append("threads=").append(ManagementFactory.getThreadMXBean().getThreadCount()).append('\n');
        body.append("poolThreads=").append(poolThreads()).append('\n');
        body.append("echoThread=").append(Registry.echoThread.replace('\n', ' ')).append('\n');
        body.append("peakThreads=").append(ManagementFactory.getThreadMXBean().getPeakThreadCount()).append('\n');
        body.append("fds=").append(openFileDescriptors()).append('\n');
        body.append("openSessions=").append(Registry.OPEN.size()).append('\n');
        body.append("oom=").append(Registry.OOM.get()).append('\n');
        body.append("broadcastSendFailures=").append(Registry.BROADCAST_SEND_FAILURES.sum()).append('\n');
        body.append("errors=").append(Registry.ERRORS.sum()).append('\n');
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Live threads of Halyard's pool of read loops and callbacks, named like "halyard-1-17". */
    private static long poolThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().matches("halyard-\\d+-\\d+")).count();
    }

    private static long openFileDescriptors() {
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
