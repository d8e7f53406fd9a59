package io.quillspace.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy between a service and a server that can refuse connections (a database or SMTP server that is down) or
 * hold back each client message that ends with a marker (an SMTP server that takes a second per message). Plain
 * threads: a handful of connections, and a delay must block exactly the one connection it slows.
 */
public final class FaultProxy implements AutoCloseable {

    /** The end of an SMTP message's DATA: a server answers it once the message is stored. */
    public static final byte[] SMTP_END_OF_DATA = "\r\n.\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;
    private volatile Duration delay = Duration.ZERO;
    private volatile byte[] delayMarker = new byte[0];

    private FaultProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** Listens on a free loopback port and forwards to {@code host:port}. */
    public static FaultProxy start(String host, int port) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultProxy proxy = new FaultProxy(listener, new InetSocketAddress(host, port));
            proxy.threads.execute(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Drops every open connection and closes each new one at once, until {@link #heal()}. */
    public void refuse() {
        refusing = true;
        open.forEach(FaultProxy::closeQuietly);
    }

    /** Holds back each client write that ends with {@code marker} for {@code perMessage} before forwarding it. */
    public void delay(Duration perMessage, byte[] marker) {
        delayMarker = marker.clone();
        delay = perMessage;
    }

    /** Forwards everything at once again and accepts new connections. */
    public void heal() {
        refusing = false;
        delay = Duration.ZERO;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(server);
                threads.execute(() -> pump(client, server, true));
                threads.execute(() -> pump(server, client, false));
            } catch (IOException e) {
                // Listener closed, or the target refused: the client sees its connection closed.
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (fromClient && !delay.isZero() && endsWith(buffer, read, delayMarker)) {
                    Thread.sleep(delay.toMillis());
                }
                if (refusing) {
                    break;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (SocketException e) {
            // The other side or refuse() closed the connection.
        } catch (IOException e) {
            // Same: nothing to forward any more.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    static boolean endsWith(byte[] buffer, int length, byte[] marker) {
        return marker.length > 0 && length >= marker.length
                && Arrays.equals(buffer, length - marker.length, length, marker, 0, marker.length);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        refuse();
        try {
            listener.close();
        } catch (IOException e) {
            // Already closed.
        }
        threads.shutdownNow();
    }
}
