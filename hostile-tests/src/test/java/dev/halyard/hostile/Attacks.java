// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The attacks, each against a fresh {@link Target}: {@link #run} starts the target, measures it,
 * attacks it over loopback as hostile peers would, closes the attack's sockets, lets the target
 * settle and measures it again. Every loop is bounded in count and time; every address is 127.0.0.1.
 */
final class Attacks {

    /** Keepalive of the attacks on silent and vanished peers: ping after 2 s of silence, close 2 s later. */
    static final Map<String, String> FAST_KEEPALIVE = Map.of("halyard.keepAliveInterval", "2000", "halyard.keepAliveTimeout", "2000");

    static final Duration ECHO_WITHIN = Duration.ofSeconds(5);

    /** halyard.maxThreads of every target: the bound its pool of read loops and callbacks is held to. */
    static final int MAX_THREADS = 100;

    enum Attack {
        PING_FLOOD("ping-flood", "Ping flood: 125-byte pings as fast as possible for 30 s, never reading", Map.of(), 15),
        NON_READING_30("non-reading-30", "30 non-reading /broadcast subscribers while 5 peers chat for 10 s", Map.of(), 15),
        NON_READING_300("non-reading-300", "300 non-reading /broadcast subscribers while 5 peers chat for 10 s", Map.of(), 15),
        STOP_READING_MID_ECHO("stop-reading-mid-echo", "300 /echo peers that stop reading and keep sending (2 MiB or 10 s each)",
                Map.of(), 15),
        STUCK_PEERS("stuck-peers", "100 /echo peers that never read send 4 MiB each, then everything waits", Map.of(), 15),
        SILENT_1000("silent-1000", "1,000 silent connections (keepalive 2 s + 2 s)", FAST_KEEPALIVE, 15),
        VANISHED_PEERS("vanished-peers", "50 peers that vanish without a FIN (black-holed relay; keepalive 2 s + 2 s)",
                FAST_KEEPALIVE, 20),
        FRAGMENT_FLOOD("fragment-flood", "One text message in 1,000,000 one-byte fragments to /broadcast (64 KiB limit)", Map.of(), 15),
        DEFLATE_BOMB("deflate-bomb", "permessage-deflate bomb: 1 GiB of zeros, ~1 MiB compressed, to /broadcast (64 KiB limit)",
                Map.of(), 15);

        final String id;
        final String description;
        final Map<String, String> initParameters;
        final Duration settle;

        Attack(String id, String description, Map<String, String> initParameters, int settleSeconds) {
            this.id = id;
            this.description = description;
            this.initParameters = initParameters;
            this.settle = Duration.ofSeconds(settleSeconds);
        }
    }

    /** What an attack itself found, before the common checks. */
    private static final class Findings {
        final List<String> failures = new ArrayList<>();
        final StringBuilder detail = new StringBuilder();
        Outcome.Snapshot during;
        String duringError;

        void detail(String text) {
            if (detail.length() > 0) {
                detail.append("; ");
            }
            detail.append(text);
        }

        void during(Target target) {
            try {
                during = Outcome.Snapshot.of(target.health(Duration.ofSeconds(15)));
            } catch (IOException e) {
                duringError = e.toString();
            }
        }
    }

    private Attacks() {
    }

    /** Runs {@code attack} against a fresh target of {@code kind}; never throws, an error is part of the outcome. */
    static Outcome run(String kind, Attack attack) {
        return run(kind, attack, Map.of(), Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** As above, with init parameters beside the attack's own, the target running on the {@code java} launcher given. */
    static Outcome run(String kind, Attack attack, Map<String, String> moreParameters, Path java) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>(attack.initParameters);
        parameters.put("halyard.maxThreads", String.valueOf(MAX_THREADS));
        parameters.putAll(moreParameters);
        Target target = null;
        Outcome.Snapshot before = null;
        Findings findings = new Findings();
        String error = null;
        boolean echoOk = false;
        Outcome.Snapshot after = null;
        boolean fdsBack = false;
        boolean sessionsBack = false;
        long settleMillis = 0;
        boolean alive = true;
        boolean logOom = false;
        try {
            target = Target.start(kind, attack.id, parameters, java);
            if (!target.freshEchoWorks(Duration.ofSeconds(10))) {
                throw new IOException("/echo did not work before the attack");
            }
            before = settled(target, Long.MAX_VALUE, Duration.ofSeconds(5)).snapshot;
            if (before == null) {
                throw new IOException("/health did not answer before the attack");
            }
            switch (attack) {
                case PING_FLOOD -> pingFlood(target, findings);
                case NON_READING_30 -> nonReadingSubscribers(target, 30, findings);
                case NON_READING_300 -> nonReadingSubscribers(target, 300, findings);
                case STOP_READING_MID_ECHO -> stopReadingMidEcho(target, findings);
                case STUCK_PEERS -> stuckPeers(target, findings);
                case SILENT_1000 -> silentConnections(target, before, findings);
                case VANISHED_PEERS -> vanishedPeers(target, before, findings);
                case FRAGMENT_FLOOD -> fragmentFlood(target, findings);
                case DEFLATE_BOMB -> deflateBomb(target, findings);
                default -> throw new IllegalStateException(attack.name());
            }
            // The attack's sockets are closed now.
            long settleStart = System.nanoTime();
            echoOk = target.freshEchoWorks(ECHO_WITHIN);
            Settled settled = settled(target, before.fds() + Outcome.Bounds.FD_MARGIN, attack.settle);
            settleMillis = (System.nanoTime() - settleStart) / 1_000_000;
            after = settled.snapshot;
            if (after != null) {
                fdsBack = after.fds() >= 0 && after.fds() <= before.fds() + Outcome.Bounds.FD_MARGIN;
                sessionsBack = after.openSessions() == 0;
            }
        } catch (IOException | RuntimeException e) {
            error = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = e.toString();
        } finally {
            if (target != null) {
                alive = target.isAlive();
                target.close();
                logOom = target.logHasOutOfMemoryError();
            }
        }
        return new Outcome(kind, attack.id, error, before, findings.during, findings.duringError, echoOk, after, fdsBack,
                sessionsBack, settleMillis, alive, logOom, List.copyOf(findings.failures), findings.detail.toString());
    }

    private record Settled(Outcome.Snapshot snapshot, boolean reached) {
    }

    /**
     * Polls /health until no session is open and at most {@code maxFds} descriptors are, or
     * {@code within} passes; the last snapshot (null if /health never answered).
     */
    private static Settled settled(Target target, long maxFds, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        AtomicReference<Outcome.Snapshot> last = new AtomicReference<>();
        try {
            await().atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).pollInSameThread().until(() -> {
                long left = deadline - System.nanoTime();
                try {
                    Outcome.Snapshot now = Outcome.Snapshot.of(
                            target.health(Duration.ofMillis(Math.max(1000, Math.min(left / 1_000_000, 10_000)))));
                    last.set(now);
                    return now.openSessions() == 0 && now.fds() >= 0 && now.fds() <= maxFds;
                } catch (IOException e) {
                    return false; // not answering now; try again until the deadline
                }
            });
            return new Settled(last.get(), true);
        } catch (ConditionTimeoutException e) {
            return new Settled(last.get(), false);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 1. Ping flood

    private static void pingFlood(Target target, Findings findings) throws IOException, InterruptedException {
        Duration length = Duration.ofSeconds(30);
        byte[] ping = RawClient.frame(true, RawClient.PING, new byte[125]);
        byte[] batch = new byte[ping.length * 32];
        for (int i = 0; i < 32; i++) {
            System.arraycopy(ping, 0, batch, i * ping.length, ping.length);
        }
        try (RawClient client = RawClient.connect(target.port(), "/echo", RawClient.Options.neverReading())) {
            AtomicLong sent = new AtomicLong();
            AtomicReference<String> writeFailure = new AtomicReference<>();
            long start = System.nanoTime();
            long end = start + length.toNanos();
            client.closeAfter(length.plusMillis(500)); // ends a write blocked at the end
            Thread sender = new Thread(() -> {
                try {
                    while (System.nanoTime() < end && sent.get() < 2_000_000_000L) {
                        client.sendRaw(batch);
                        sent.addAndGet(32);
                    }
                } catch (IOException e) {
                    if (System.nanoTime() < end) {
                        writeFailure.set(e.getMessage());
                    }
                }
            }, "ping-flood");
            sender.start();
            sleepUntil(start + length.toNanos() - Duration.ofSeconds(3).toNanos());
            findings.during(target);
            sender.join(Duration.ofSeconds(40).toMillis());
            findings.detail(String.format("%,d pings written", sent.get())
                    + (writeFailure.get() == null ? "" : " until the server closed: " + writeFailure.get()));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 2. Non-reading subscribers

    private static void nonReadingSubscribers(Target target, int silent, Findings findings) throws IOException, InterruptedException {
        Duration length = Duration.ofSeconds(10);
        int chatters = 5;
        ConcurrentLinkedQueue<RawClient> sockets = new ConcurrentLinkedQueue<>();
        try {
            int connected = connectMany(target.port(), "/broadcast", silent, RawClient.Options.neverReading(), sockets,
                    Duration.ofSeconds(30));
            if (connected < silent) {
                findings.failures.add("only " + connected + " of " + silent + " non-reading subscribers connected");
            }
            List<RawClient> talkers = new ArrayList<>();
            for (int i = 0; i < chatters; i++) {
                RawClient talker = RawClient.connect(target.port(), "/broadcast");
                sockets.add(talker);
                talkers.add(talker);
            }
            long start = System.nanoTime();
            long end = start + length.toNanos();
            long half = start + length.toNanos() / 2;
            long[] received = new long[chatters];
            long[] receivedSecondHalf = new long[chatters];
            long[] sent = new long[chatters];
            String[] failure = new String[chatters];
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < chatters; i++) {
                int index = i;
                RawClient talker = talkers.get(i);
                talker.closeAfter(length.plusSeconds(5));
                Thread reader = new Thread(() -> {
                    try {
                        talker.setSoTimeout(Duration.ofMillis(200));
                        for (long frames = 0; frames < 10_000_000 && System.nanoTime() < end + Duration.ofSeconds(1).toNanos(); ) {
                            try {
                                RawClient.Frame frame = talker.readFrame();
                                frames++;
                                if (frame.opcode() == RawClient.TEXT) {
                                    received[index]++;
                                    if (System.nanoTime() >= half) {
                                        receivedSecondHalf[index]++;
                                    }
                                } else if (frame.opcode() == RawClient.CLOSE) {
                                    failure[index] = "chatter " + index + " was closed with " + frame.closeCode();
                                    return;
                                }
                            } catch (SocketTimeoutException e) {
                                // nothing for 200 ms; go on until the end
                            }
                        }
                    } catch (IOException e) {
                        if (System.nanoTime() < end) {
                            failure[index] = "chatter " + index + " lost its connection: " + e.getMessage();
                        }
                    }
                }, "chatter-reader-" + i);
                Thread writer = new Thread(() -> {
                    try {
                        for (long next = System.nanoTime(); next < end; next += 10_000_000L) {
                            sleepUntil(next);
                            talker.sendText(message(index, sent[index]++, 1024));
                        }
                    } catch (IOException e) {
                        if (System.nanoTime() < end) {
                            failure[index] = "chatter " + index + " could not send: " + e.getMessage();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "chatter-writer-" + i);
                threads.add(reader);
                threads.add(writer);
            }
            threads.forEach(Thread::start);
            sleepUntil(start + length.toNanos() - Duration.ofSeconds(2).toNanos());
            findings.during(target);
            for (Thread thread : threads) {
                thread.join(Math.max(1, (end - System.nanoTime()) / 1_000_000 + 8_000));
            }
            long min = Arrays.stream(received).min().orElse(0);
            long max = Arrays.stream(received).max().orElse(0);
            long minSecondHalf = Arrays.stream(receivedSecondHalf).min().orElse(0);
            for (int i = 0; i < chatters; i++) {
                if (failure[i] != null) {
                    findings.failures.add(failure[i]);
                }
                if (received[i] < 300 || receivedSecondHalf[i] < 100) {
                    findings.failures.add("chatter " + i + " received " + received[i] + " messages (" + receivedSecondHalf[i]
                            + " in the last 5 s); expected at least 300 (100)");
                }
            }
            String failures = findings.during == null ? "?" : findings.during.raw().getOrDefault("broadcastSendFailures", "?");
            findings.detail(String.format("chatters sent %,d, each received %,d-%,d (last 5 s: >= %,d); failed sends %s",
                    Arrays.stream(sent).sum(), min, max, minSecondHalf, failures));
        } finally {
            sockets.forEach(RawClient::close);
        }
    }

    /** A text message of {@code size} ASCII bytes that names its sender and number. */
    static String message(int sender, long number, int size) {
        StringBuilder text = new StringBuilder(size).append("peer ").append(sender).append(" message ").append(number).append(' ');
        while (text.length() < size) {
            text.append((char) ('a' + text.length() % 26));
        }
        text.setLength(size);
        return text.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // 3. Peers that stop reading mid-echo

    /**
     * Most CPU, in percent of one core, a target may use once its peers are stuck and nothing moves,
     * measured over a second. A server that busy-waits never gets there (Tomcat threads that skipped
     * their wait on a full inbox kept 100 such connections' server at 170%).
     */
    static final int STUCK_CPU_PERCENT = 20;
    /** How long after the peers' last writes the target has to settle to that. */
    private static final Duration SETTLE_WITHIN = Duration.ofSeconds(10);

    /**
     * Whether the target, with nothing moving, settles below {@link #STUCK_CPU_PERCENT} within
     * {@link #SETTLE_WITHIN}; a thread that busy-waits keeps it busy. Adds the figure, and a failure.
     */
    private static void settles(Target target, Findings findings) throws InterruptedException {
        double settled = Double.MAX_VALUE;
        long settleStart = System.nanoTime();
        while (settled > STUCK_CPU_PERCENT && System.nanoTime() - settleStart < SETTLE_WITHIN.toNanos()) {
            long ticks = cpuTicks(target.pid());
            long from = System.nanoTime();
            Thread.sleep(1000); // the measuring window: the target's CPU time over this second
            settled = Math.min(settled, 100.0 * (cpuTicks(target.pid()) - ticks) / CLOCK_TICKS / ((System.nanoTime() - from) / 1e9));
        }
        findings.detail(String.format(java.util.Locale.ROOT, "target CPU down to %.0f%% of a core %.0f s after the writes stopped",
                settled, (System.nanoTime() - settleStart) / 1e9));
        if (settled > STUCK_CPU_PERCENT) {
            findings.failures.add(String.format(java.util.Locale.ROOT, "the target never went below %.0f%% of a core in the %d s "
                    + "after the peers stopped writing (bound %d%%): a thread busy-waits", settled, SETTLE_WITHIN.toSeconds(),
                    STUCK_CPU_PERCENT));
        }
    }

    /**
     * 100 /echo peers that never read send 4 MiB each: far more than the sockets and the inboxes hold,
     * so every connection ends with its inbox full, data waiting in the socket and a server write
     * waiting for the peer. Then nothing moves for good.
     */
    private static void stuckPeers(Target target, Findings findings) throws IOException, InterruptedException {
        int peers = 100;
        Duration pushing = Duration.ofSeconds(8);
        ConcurrentLinkedQueue<RawClient> sockets = new ConcurrentLinkedQueue<>();
        try {
            int connected = connectMany(target.port(), "/echo", peers, RawClient.Options.neverReading(), sockets, Duration.ofSeconds(30));
            if (connected < peers) {
                findings.failures.add("only " + connected + " of " + peers + " peers connected");
            }
            byte[] frame = RawClient.frame(true, RawClient.TEXT, message(0, 0, 1024).getBytes(StandardCharsets.US_ASCII));
            for (RawClient peer : sockets) {
                peer.closeAfter(pushing.plus(SETTLE_WITHIN).plusSeconds(5)); // ends the writes still blocked then
                Thread writer = new Thread(() -> {
                    try {
                        for (int i = 0; i < 4096; i++) {
                            peer.sendRaw(frame);
                        }
                    } catch (IOException e) {
                        // closed while blocked
                    }
                }, "stuck-writer");
                writer.setDaemon(true);
                writer.start();
            }
            Thread.sleep(pushing.toMillis()); // the attack itself: the peers push for 8 s before the target must settle
            settles(target, findings);
            findings.during(target);
        } finally {
            sockets.forEach(RawClient::close);
        }
    }
    /** The kernel's clock ticks per second, the unit of /proc/<pid>/stat's CPU times (100 on Linux). */
    private static final int CLOCK_TICKS = 100;

    /** User and system CPU time of process {@code pid}, in clock ticks; 0 where /proc cannot tell. */
    static long cpuTicks(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime and stime, fields 14 and 15
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static void stopReadingMidEcho(Target target, Findings findings) throws IOException, InterruptedException {
        int peers = 300;
        Duration length = Duration.ofSeconds(10);
        long perPeerBytes = 2L << 20;
        ConcurrentLinkedQueue<RawClient> sockets = new ConcurrentLinkedQueue<>();
        try {
            int connected = connectMany(target.port(), "/echo", peers,
                    new RawClient.Options(Duration.ofSeconds(10), 0, Map.of()), sockets, Duration.ofSeconds(30));
            if (connected < peers) {
                findings.failures.add("only " + connected + " of " + peers + " peers connected");
            }
            long start = System.nanoTime();
            long end = start + length.toNanos();
            AtomicInteger noEcho = new AtomicInteger();
            AtomicInteger wrongEcho = new AtomicInteger();
            AtomicLong unreadBytes = new AtomicLong();
            AtomicLong maxUnread = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            // Every peer has had its echoes before any stops reading: on a loaded machine a peer whose thread
            // started late would otherwise ask for its first echo behind hundreds of floods, a test of the
            // machine rather than the server.
            java.util.concurrent.CountDownLatch allEchoed = new java.util.concurrent.CountDownLatch(sockets.size());
            int index = 0;
            for (RawClient peer : sockets) {
                int number = index++;
                peer.closeAfter(length.plus(SETTLE_WITHIN).plusSeconds(2)); // ends writes still blocked then
                Thread thread = new Thread(() -> {
                    long pushed = 0;
                    try {
                        // A moment of good behaviour: up to 5 echoes, each awaited; always at least one, even when
                        // this thread started late on a loaded machine (it then counted as "no echo" without asking).
                        peer.setSoTimeout(Duration.ofSeconds(5));
                        int echoes = 0;
                        for (int i = 0; i < 5 && (i == 0 || System.nanoTime() < start + Duration.ofSeconds(3).toNanos()); i++) {
                            String message = message(number, i, 1024);
                            peer.sendText(message);
                            RawClient.Frame frame = peer.readFrame();
                            if (frame.opcode() != RawClient.TEXT || !frame.text().equals(message)) {
                                wrongEcho.incrementAndGet();
                                break;
                            }
                            echoes++;
                        }
                        if (echoes == 0) {
                            noEcho.incrementAndGet();
                        }
                        allEchoed.countDown();
                        allEchoed.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        // Then it stops reading and keeps sending.
                        byte[] frame = RawClient.frame(true, RawClient.TEXT, message(number, 999, 1024).getBytes(StandardCharsets.US_ASCII));
                        while (pushed < perPeerBytes && System.nanoTime() < end) {
                            peer.sendRaw(frame);
                            pushed += 1024;
                        }
                    } catch (SocketTimeoutException e) {
                        noEcho.incrementAndGet();
                        allEchoed.countDown();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IOException e) {
                        allEchoed.countDown();
                        // closed at the deadline while blocked, or by the server
                    } finally {
                        unreadBytes.addAndGet(pushed);
                        maxUnread.accumulateAndGet(pushed, Math::max);
                    }
                }, "mid-echo-" + number);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
            sleepUntil(end);
            // The peers write no more; the server works off what it read, until every connection waits
            // for a peer that does not read. Then nothing moves, and the target must settle to near idle.
            settles(target, findings);
            findings.during(target);
            long closed = start + length.plus(SETTLE_WITHIN).plusSeconds(2).toNanos();
            for (Thread thread : threads) {
                thread.join(Math.max(1, (closed - System.nanoTime()) / 1_000_000 + 3_000));
            }
            if (noEcho.get() > 0 || wrongEcho.get() > 0) {
                findings.failures.add(noEcho.get() + " peers got no echo and " + wrongEcho.get()
                        + " a wrong one before they stopped reading");
            }
            findings.detail(String.format("%d peers wrote %,d MiB after they stopped reading (at most %,d KiB each)",
                    connected, unreadBytes.get() >> 20, maxUnread.get() >> 10));
        } finally {
            sockets.forEach(RawClient::close);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 4. Silent connections

    private static void silentConnections(Target target, Outcome.Snapshot before, Findings findings)
            throws IOException, InterruptedException {
        int count = 1000;
        Duration within = Duration.ofSeconds(15);
        ConcurrentLinkedQueue<RawClient> sockets = new ConcurrentLinkedQueue<>();
        try {
            long start = System.nanoTime();
            int connected = connectMany(target.port(), "/echo", count, RawClient.Options.neverReading(), sockets, Duration.ofSeconds(40));
            long connectedAt = System.nanoTime();
            if (connected < count) {
                findings.failures.add("only " + connected + " of " + count + " silent connections were upgraded");
            }
            findings.during(target);
            // The silent peers keep their sockets open: the server must close them itself.
            Settled settled = settled(target, before.fds() + Outcome.Bounds.FD_MARGIN, within);
            long closedAt = System.nanoTime();
            if (!settled.reached()) {
                findings.failures.add("with the silent peers still connected, " + within.toSeconds() + " s later the server had "
                        + (settled.snapshot() == null ? "?" : settled.snapshot().openSessions()) + " sessions open and "
                        + (settled.snapshot() == null ? "?" : settled.snapshot().fds()) + " fds (" + before.fds() + " before)");
            }
            int ended = 0;
            long eofDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            for (RawClient socket : sockets) {
                long left = (eofDeadline - System.nanoTime()) / 1_000_000;
                if (socket.readsToEnd(Duration.ofMillis(Math.max(1, Math.min(left, 100))))) {
                    ended++;
                }
            }
            findings.detail(String.format("%,d upgraded in %.1f s, %s open then; %s; %,d read EOF", connected,
                    (connectedAt - start) / 1e9, findings.during == null ? "?" : Long.toString(findings.during.openSessions()),
                    settled.reached() ? String.format("server closed all within %.1f s", (closedAt - connectedAt) / 1e9)
                            : "server did not close them all",
                    ended));
        } finally {
            sockets.forEach(RawClient::close);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 5. Peers that vanish without a FIN

    private static void vanishedPeers(Target target, Outcome.Snapshot before, Findings findings) throws IOException, InterruptedException {
        int peers = 50;
        Duration within = Duration.ofSeconds(20);
        List<RawClient> sockets = new ArrayList<>();
        try (BlackHoleRelay relay = new BlackHoleRelay(target.port(), peers)) {
            int echoed = 0;
            for (int i = 0; i < peers; i++) {
                RawClient peer = RawClient.connect(relay.port(), "/echo");
                sockets.add(peer);
                peer.sendText("hello " + i);
                RawClient.Frame frame = peer.readFrame();
                if (frame.opcode() == RawClient.TEXT && frame.text().equals("hello " + i)) {
                    echoed++;
                }
            }
            if (echoed < peers) {
                findings.failures.add("only " + echoed + " of " + peers + " peers got their echo through the relay");
            }
            findings.during(target);
            relay.blackHole();
            long vanishedAt = System.nanoTime();
            Settled settled = settled(target, before.fds() + Outcome.Bounds.FD_MARGIN, within);
            if (!settled.reached()) {
                findings.failures.add(within.toSeconds() + " s after the peers vanished the server had "
                        + (settled.snapshot() == null ? "?" : settled.snapshot().openSessions()) + " sessions open and "
                        + (settled.snapshot() == null ? "?" : settled.snapshot().fds()) + " fds (" + before.fds() + " before)");
            }
            findings.detail(String.format("%d sessions, %s open then; %s", peers,
                    findings.during == null ? "?" : Long.toString(findings.during.openSessions()),
                    settled.reached() ? String.format("server dropped them within %.1f s", (System.nanoTime() - vanishedAt) / 1e9)
                            : "server kept them"));
        } finally {
            sockets.forEach(RawClient::close);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 6. Fragment flood

    private static void fragmentFlood(Target target, Findings findings) throws IOException, InterruptedException {
        int total = 1_000_000;
        int perBatch = 1000;
        byte[] one = {'a'};
        byte[] continuation = RawClient.frame(false, RawClient.CONTINUATION, one);
        byte[] batch = new byte[continuation.length * perBatch];
        for (int i = 0; i < perBatch; i++) {
            System.arraycopy(continuation, 0, batch, i * continuation.length, continuation.length);
        }
        try (RawClient client = RawClient.connect(target.port(), "/broadcast")) {
            client.closeAfter(Duration.ofSeconds(40));
            CloseWatcher watcher = CloseWatcher.start(client, Duration.ofSeconds(35));
            long sent = 0;
            String writeFailure = null;
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            try {
                client.sendRaw(RawClient.frame(false, RawClient.TEXT, one));
                sent = 1;
                while (sent < total - 1 && !watcher.closed() && System.nanoTime() < end) {
                    int n = (int) Math.min(perBatch, total - 1 - sent);
                    client.sendRaw(n == perBatch ? batch : Arrays.copyOf(batch, n * continuation.length));
                    sent += n;
                }
                if (!watcher.closed() && sent == total - 1) {
                    client.sendRaw(RawClient.frame(true, RawClient.CONTINUATION, one));
                    sent = total;
                }
            } catch (IOException e) {
                writeFailure = e.getMessage();
            }
            long sentAtEnd = sent;
            watcher.await(Duration.ofSeconds(10));
            findings.during(target);
            int code = watcher.code();
            if (code != 1009) {
                findings.failures.add("expected a close frame with 1009, got " + (code < 0 ? "none (" + watcher.ending() + ")" : code)
                        + " after " + sentAtEnd + " fragments");
            } else if (sentAtEnd >= total) {
                findings.failures.add("the close came only after all " + total + " fragments were sent");
            }
            findings.detail(code < 0 ? String.format("no close; %,d fragments sent", sentAtEnd)
                    : String.format("%d when %,d of %,d fragments were written", code, sentAtEnd, total)
                            + (writeFailure == null ? "" : " (then writes failed)"));
        }
    }

    /** Reads frames until a close frame, the end, or a deadline, on a thread of its own. */
    private static final class CloseWatcher {
        private final Thread thread;
        private volatile int code = -1;
        private volatile String ending = "no close frame yet";
        private volatile boolean closed;

        private CloseWatcher(RawClient client, Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            thread = new Thread(() -> {
                try {
                    for (int frames = 0; frames < 100_000; frames++) {
                        long left = (deadline - System.nanoTime()) / 1_000_000;
                        if (left <= 0) {
                            ending = "no close frame within " + within.toSeconds() + " s";
                            return;
                        }
                        client.setSoTimeout(Duration.ofMillis(left));
                        RawClient.Frame frame = client.readFrame();
                        if (frame.opcode() == RawClient.CLOSE) {
                            code = frame.closeCode();
                            ending = "close " + code;
                            return;
                        }
                    }
                } catch (EOFException e) {
                    ending = "connection closed without a close frame";
                } catch (IOException e) {
                    ending = "connection failed: " + e.getMessage();
                } finally {
                    closed = true;
                }
            }, "close-watcher");
            thread.setDaemon(true);
        }

        static CloseWatcher start(RawClient client, Duration within) {
            CloseWatcher watcher = new CloseWatcher(client, within);
            watcher.thread.start();
            return watcher;
        }

        boolean closed() {
            return closed;
        }

        void await(Duration within) throws InterruptedException {
            thread.join(within.toMillis());
        }

        int code() {
            return code;
        }

        String ending() {
            return ending;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 7. Deflate bomb

    private static final long BOMB_INFLATED = 1L << 30;
    private static volatile byte[] bomb;

    /** Raw DEFLATE of 1 GiB of zeros with a sync flush, the final 00 00 FF FF removed (RFC 7692); made once. */
    static byte[] bomb() {
        byte[] made = bomb;
        if (made == null) {
            synchronized (Attacks.class) {
                made = bomb;
                if (made == null) {
                    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
                    try {
                        byte[] zeros = new byte[65536];
                        byte[] out = new byte[65536];
                        ByteArrayOutputStream compressed = new ByteArrayOutputStream(1 << 20);
                        for (long fed = 0; fed < BOMB_INFLATED; fed += zeros.length) {
                            deflater.setInput(zeros);
                            for (int i = 0; i < 1000 && !deflater.needsInput(); i++) {
                                compressed.write(out, 0, deflater.deflate(out, 0, out.length, Deflater.NO_FLUSH));
                            }
                        }
                        for (int i = 0; i < 1000; i++) {
                            int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
                            compressed.write(out, 0, n);
                            if (n < out.length) {
                                break;
                            }
                        }
                        byte[] all = compressed.toByteArray();
                        int length = all.length;
                        if (length >= 4 && all[length - 4] == 0 && all[length - 3] == 0 && all[length - 2] == (byte) 0xFF
                                && all[length - 1] == (byte) 0xFF) {
                            length -= 4;
                        }
                        made = Arrays.copyOf(all, length);
                        bomb = made;
                    } finally {
                        deflater.end();
                    }
                }
            }
        }
        return made;
    }

    private static void deflateBomb(Target target, Findings findings) throws IOException, InterruptedException {
        byte[] payload = bomb();
        int frameSize = 4096;
        RawClient.Options options = RawClient.Options.defaults().withHeader("Sec-WebSocket-Extensions", "permessage-deflate");
        try (RawClient client = RawClient.connect(target.port(), "/broadcast", options)) {
            String extensions = client.responseHeader("Sec-WebSocket-Extensions");
            if (extensions == null || !extensions.contains("permessage-deflate")) {
                findings.failures.add("permessage-deflate was not negotiated (" + extensions + ")");
                findings.during(target);
                return;
            }
            client.closeAfter(Duration.ofSeconds(40));
            CloseWatcher watcher = CloseWatcher.start(client, Duration.ofSeconds(35));
            long sent = 0;
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean writeFailed = false;
            try {
                for (int offset = 0; offset < payload.length && !watcher.closed() && System.nanoTime() < end; offset += frameSize) {
                    int n = Math.min(frameSize, payload.length - offset);
                    boolean first = offset == 0;
                    boolean last = offset + n == payload.length;
                    client.sendRaw(RawClient.frame(last, first ? 4 : 0, first ? RawClient.TEXT : RawClient.CONTINUATION, payload, offset, n));
                    sent += n;
                }
            } catch (IOException e) {
                writeFailed = true;
            }
            watcher.await(Duration.ofSeconds(10));
            findings.during(target);
            int code = watcher.code();
            if (code != 1009) {
                findings.failures.add("expected a close frame with 1009, got " + (code < 0 ? "none (" + watcher.ending() + ")" : code)
                        + " after " + (sent >> 10) + " KiB compressed");
            }
            findings.detail(String.format("%s when %,d of %,d KiB compressed were written (~%,d MiB inflated)%s",
                    code < 0 ? "no close" : Integer.toString(code), sent >> 10, payload.length >> 10,
                    (long) ((double) sent / payload.length * BOMB_INFLATED) >> 20, writeFailed ? ", then writes failed" : ""));
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Opens up to {@code count} connections on 16 threads, adding each to {@code sockets} (which the
     * caller closes); returns how many were upgraded within {@code within}.
     */
    static int connectMany(int port, String path, int count, RawClient.Options options, ConcurrentLinkedQueue<RawClient> sockets,
            Duration within) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger connected = new AtomicInteger();
        long deadline = System.nanoTime() + within.toNanos();
        try {
            for (int i = 0; i < count; i++) {
                pool.execute(() -> {
                    if (System.nanoTime() > deadline) {
                        return;
                    }
                    try {
                        sockets.add(RawClient.connect(port, path, options));
                        connected.incrementAndGet();
                    } catch (IOException e) {
                        // counted by the caller as not connected
                    }
                });
            }
        } finally {
            pool.shutdown();
            if (!pool.awaitTermination(within.toMillis() + 11_000, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        }
        return connected.get();
    }

    /** The attacks' pace: until {@code nanoTime}, for an attack that lasts so long or sends at a rate. */
    static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
