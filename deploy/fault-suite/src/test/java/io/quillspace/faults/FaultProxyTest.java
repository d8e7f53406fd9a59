package io.quillspace.faults;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault proxy against a real echo server on loopback. */
class FaultProxyTest {

    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void startEchoServerBehindTheProxy() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    Thread connection = new Thread(() -> {
                        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // The client left.
                        }
                    });
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        proxy = FaultProxy.start("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBytesBothWays() throws IOException {
        try (Socket client = connect()) {
            assertArrayEquals(bytes("HELO\r\n"), roundTrip(client, "HELO\r\n"));
        }
    }

    @Test
    void holdsBackEachMessageEndingWithTheMarkerForTheDelay() throws IOException {
        proxy.delay(Duration.ofMillis(600), FaultProxy.SMTP_END_OF_DATA);
        try (Socket client = connect()) {
            long started = System.nanoTime();
            roundTrip(client, "MAIL FROM:<a@b>\r\n");
            long command = System.nanoTime() - started;
            started = System.nanoTime();
            roundTrip(client, "body\r\n.\r\n");
            long message = System.nanoTime() - started;
            assertTrue(command < Duration.ofMillis(400).toNanos(), "a command passes at once: " + command);
            assertTrue(message >= Duration.ofMillis(600).toNanos(), "the end of a message waits: " + message);
        }
    }

    @Test
    void refusingClosesOpenAndNewConnectionsUntilHealed() throws IOException {
        Socket open = connect();
        roundTrip(open, "x");
        proxy.refuse();
        assertEquals(-1, readOrEnd(open), "the open connection is dropped");
        try (Socket refused = connect()) {
            assertThrows(IOException.class, () -> {
                refused.getOutputStream().write(bytes("y"));
                if (refused.getInputStream().read() < 0) {
                    throw new IOException("closed");
                }
            });
        }
        proxy.heal();
        try (Socket healed = connect()) {
            assertArrayEquals(bytes("z"), roundTrip(healed, "z"));
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static int readOrEnd(Socket socket) {
        try {
            return socket.getInputStream().read();
        } catch (IOException e) {
            return -1;
        }
    }

    private static byte[] roundTrip(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(bytes(text));
        socket.getOutputStream().flush();
        return socket.getInputStream().readNBytes(text.length());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
