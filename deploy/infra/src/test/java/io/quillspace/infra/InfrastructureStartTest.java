package io.quillspace.infra;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfrastructureStartTest {

    @Test
    void whenOneServerCannotStartTheOthersAreStoppedAgain() throws Exception {
        int postgres = Ports.free();
        int kafka = Ports.free();
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Infrastructure.Ports ports = new Infrastructure.Ports(postgres, kafka, squatter.getLocalPort());

            assertThrows(RuntimeException.class, () -> Infrastructure.start(ports, true));
        }
        assertTrue(isFree(postgres), "PostgreSQL was stopped");
        assertTrue(isFree(kafka), "Kafka was stopped");
    }

    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
