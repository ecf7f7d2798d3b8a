// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.session.Transport;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The servlet transport against streams that misbehave as containers' may. */
class ServletTransportTest {

    /** An output stream that is ready and then throws an unchecked exception, as a container's may on a dead socket. */
    private static final class ThrowingOutput extends ServletOutputStream {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        @Override
        public void write(int b) {
            throw new IllegalStateException("the socket is gone");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            throw new IllegalStateException("the socket is gone");
        }
    }

    private static final class IdleInput extends ServletInputStream {
        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return false;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }

        @Override
        public int read() {
            return -1;
        }
    }

    @Test
    void anUncheckedExceptionFromTheContainersStreamFailsTheWrite() throws Exception {
        ServletTransport transport = new ServletTransport(connection(new ThrowingOutput()), Runnable::run, false, null);
        transport.start();
        assertThat(write(transport, 1, 2, 3)).isInstanceOf(IOException.class).hasMessageContaining("the socket is gone");
        assertThat(write(transport, 4)).as("a later write fails at once rather than hang").isInstanceOf(IOException.class);
    }

    /** An output stream that takes one write, then is not ready until the container's onWritePossible. */
    private static final class OneWriteAtATime extends ServletOutputStream {
        private boolean ready = true;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        @Override
        public void write(int b) {
            ready = false;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ready = false;
        }
    }

    @Test
    void itsStateFitsOneLineWithTheBytesWaitingForTheContainer() throws Exception {
        ServletTransport transport = new ServletTransport(connection(new OneWriteAtATime()), Runnable::run, false, null);
        transport.start();
        transport.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[3]), ByteBuffer.wrap(new byte[5])}, 2, new Transport.WriteCallback() {
            @Override
            public void completed() {
            }

            @Override
            public void failed(Throwable cause) {
            }
        });
        assertThat(transport).hasToString("ServletTransport[open, 5 bytes waiting for onWritePossible, no container quirks, "
                + "Inbox[0 bytes in 0 chunks, read by NOBODY]]");
        transport.close();
        assertThat(transport.toString()).startsWith("ServletTransport[closed, no container quirks");
    }

    private static WebConnection connection(ServletOutputStream out) {
        return new WebConnection() {
            @Override
            public ServletInputStream getInputStream() {
                return new IdleInput();
            }

            @Override
            public ServletOutputStream getOutputStream() {
                return out;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Writes {@code bytes}; returns why the write failed, or null when it completed. */
    private static Throwable write(ServletTransport transport, int... bytes) throws Exception {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        transport.write(new ByteBuffer[] {ByteBuffer.wrap(data)}, 1, new Transport.WriteCallback() {
            @Override
            public void completed() {
                outcome.complete(null);
            }

            @Override
            public void failed(Throwable cause) {
                outcome.complete(cause);
            }
        });
        return outcome.get(5, TimeUnit.SECONDS);
    }
}
