package io.quillspace.infra.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a real server that misbehaves on demand, for what the real server has no hook for: an SMTP
 * relay that is slow to accept each message, refuses connections, answers every connection with a 5xx, or stalls; a
 * database that goes away (the fault suite puts it in front of PostgreSQL too). The
 * switches act on new connections and bytes from now on; connections already open keep flowing.
 */
public final class FaultProxy implements AutoCloseable {

    /** The end of an SMTP message (RFC 5321 4.1.1.4): the client's data so far is one message. */
    private static final byte[] END_OF_DATA = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile Duration delayPerMessage = Duration.ZERO;
    private volatile String refusalReply;
    private volatile boolean stalled;

    private FaultProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
        this.port = listener.getLocalPort();
    }

    /** Starts on a free port of 127.0.0.1, forwarding to {@code host:port}. */
    public static FaultProxy start(String host, int port) {
        FaultProxy proxy = new FaultProxy(new InetSocketAddress(host, port), bind(0));
        proxy.acceptOn(proxy.listener);
        return proxy;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Holds each message's end-of-data back this long before the server sees it: a relay slow to accept. */
    public FaultProxy delayPerMessage(Duration delay) {
        this.delayPerMessage = delay;
        return this;
    }

    /** While on, the port is closed: clients get "connection refused", as from a relay that is down. */
    public synchronized FaultProxy refuseConnections(boolean refuse) {
        if (refuse && listener != null) {
            closeQuietly(listener);
            listener = null;
        } else if (!refuse && listener == null) {
            listener = bind(port);
            acceptOn(listener);
        }
        return this;
    }

    /**
     * While set, every new connection is answered with this SMTP reply (say {@code "554 5.7.1 refused"}) and closed,
     * never reaching the server: a relay that rejects the mail. Null forwards again.
     */
    public FaultProxy answerEveryConnectionWith(String reply) {
        this.refusalReply = reply;
        return this;
    }

    /** Cuts every connection open now, as a server that restarts does; new ones follow the other switches. */
    public FaultProxy dropOpenConnections() {
        open.forEach(FaultProxy::closeQuietly);
        open.clear();
        return this;
    }

    /** While on, new connections are accepted and then hear nothing: a relay that hangs, for client time-outs. */
    public FaultProxy stall(boolean stall) {
        this.stalled = stall;
        return this;
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException("fault proxy cannot listen on " + port, e);
        }
    }

    private void acceptOn(ServerSocket socket) {
        daemon("fault-proxy-accept-" + port, () -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    open.add(client);
                    daemon("fault-proxy-connection", () -> serve(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket client) {
        try {
            String refusal = refusalReply;
            if (refusal != null) {
                client.getOutputStream().write((refusal + "\r\n").getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                closeQuietly(client);
                return;
            }
            if (stalled) {
                client.getInputStream().transferTo(OutputStream.nullOutputStream());
                return;
            }
            Socket server = new Socket();
            server.connect(target);
            open.add(server);
            daemon("fault-proxy-reply", () -> pump(server, client, false));
            pump(client, server, true);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** Copies bytes until either side closes, holding back each end-of-data from the client by the delay. */
    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[8192];
        int matched = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                int start = 0;
                for (int i = 0; fromClient && i < read; i++) {
                    matched = buffer[i] == END_OF_DATA[matched] ? matched + 1 : buffer[i] == END_OF_DATA[0] ? 1 : 0;
                    if (matched == END_OF_DATA.length) {
                        matched = 0;
                        Duration delay = delayPerMessage;
                        if (!delay.isZero()) {
                            // Everything but the terminating ".\r\n" has reached the server; the message waits for it.
                            int held = Math.max(start, i - 2);
                            out.write(buffer, start, held - start);
                            out.flush();
                            Thread.sleep(delay.toMillis());
                            start = held;
                        }
                    }
                }
                out.write(buffer, start, read - start);
                out.flush();
            }
        } catch (IOException e) {
            // One side closed: the other follows below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    /** Stops listening and cuts every open connection. */
    @Override
    public synchronized void close() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        open.forEach(FaultProxy::closeQuietly);
    }
}
