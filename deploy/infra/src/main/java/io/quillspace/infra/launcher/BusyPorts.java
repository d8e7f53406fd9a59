package io.quillspace.infra.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local fleet's fixed ports that something else holds, checked before anything starts: a fleet that started half
 * and then failed on one port would leave the operator guessing which of its parts still run.
 */
final class BusyPorts {

    private BusyPorts() {
    }

    /** One line per busy port, naming what the fleet wanted it for; empty when every port is free. */
    static List<String> among(Map<Integer, String> wanted) {
        List<String> busy = new ArrayList<>();
        wanted.forEach((port, purpose) -> {
            if (!isFree(port)) {
                busy.add("port " + port + " (" + purpose + ") is in use");
            }
        });
        return busy;
    }

    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
