package io.quillspace.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free loopback ports for the embedded servers and for services started on ephemeral ports. */
public final class Ports {

    private Ports() {
    }

    /** {@code port}, or a free one when the caller asks for port 0. */
    static int freeIfZero(int port) {
        return port != 0 ? port : free();
    }

    /** A port free right now on loopback. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
