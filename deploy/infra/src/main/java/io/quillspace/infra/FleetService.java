package io.quillspace.infra;

import java.util.Optional;

/**
 * The four services of the fleet, with their local ports and what infrastructure each needs. Locally, a service's
 * management interface listens 1000 above its API (8081 → 9081).
 */
public enum FleetService {
    WEBHOOK_INGRESS("webhook-ingress", 8081, "ingress", false, false),
    BOOKING("booking-service", 8082, "booking", false, true),
    EMAIL("email-service", 8083, "email", true, false),
    PROJECT("project-service", 8084, "project", false, true);

    private final String module;
    private final int localPort;
    private final String database;
    private final boolean sendsMail;
    private final boolean storesFiles;

    FleetService(String module, int localPort, String database, boolean sendsMail, boolean storesFiles) {
        this.module = module;
        this.localPort = localPort;
        this.database = database;
        this.sendsMail = sendsMail;
        this.storesFiles = storesFiles;
    }

    /** Maven module (and directory) of the service. */
    public String module() {
        return module;
    }

    /** The ports {@code ./quillspace up} gives the service. */
    public ServicePorts localPorts() {
        return new ServicePorts(localPort, localPort + 1000);
    }

    /** Name of the service's own database, if it has one. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    public boolean sendsMail() {
        return sendsMail;
    }

    /** Signs uploads and downloads for the object store (briefs' and deliverables' files). */
    public boolean storesFiles() {
        return storesFiles;
    }
}
