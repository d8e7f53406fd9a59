package io.quillspace.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free loopback ports for the embedded servers and for services started on ephemeral ports. */
public final class Ports {

    // The kernel may hand out a just-closed ephemeral port again: a broker once got the same port for both of its
    // listeners and refused to start. No port is handed out twice in one JVM.
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** {@code port}, or a free one when the caller asks for port 0. */
    static int freeIfZero(int port) {
        return port != 0 ? port : free();
    }

    /** A port free right now on loopback, and not handed out before by this JVM. */
    public static int free() {
        while (true) {
            int port = anyFree();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
