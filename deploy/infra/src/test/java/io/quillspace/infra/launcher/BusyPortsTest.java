package io.quillspace.infra.launcher;

import io.quillspace.infra.Ports;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BusyPortsTest {

    @Test
    void everyBusyPortIsNamedWithWhatTheFleetWantedItFor() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int busy = squatter.getLocalPort();
            int free = Ports.free();
            Map<Integer, String> wanted = new LinkedHashMap<>();
            wanted.put(free, "PostgreSQL");
            wanted.put(busy, "booking-service API");

            assertEquals(List.of("port " + busy + " (booking-service API) is in use"), BusyPorts.among(wanted));
        }
    }

    @Test
    void theLocalFleetChecksEveryPortItWillOpen() {
        Map<Integer, String> ports = FleetLauncher.localPorts();

        assertEquals(4 + 2 * 4, ports.size(), "PostgreSQL, Kafka, SMTP, mail viewer and each service's two listeners");
        assertTrue(ports.containsValue("email-service management"));
        assertTrue(ports.containsKey(FleetLauncher.MAIL_VIEWER_PORT));
    }
}
