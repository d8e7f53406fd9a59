package io.quillspace.infra;

/** A service's two listeners: the API, and the management interface that serves health, metrics and OpenAPI. */
public record ServicePorts(int api, int management) {

    /** Two free loopback ports: what tests and benchmarks use so that runs never collide. */
    public static ServicePorts free() {
        return new ServicePorts(Ports.free(), Ports.free());
    }
}
