package io.quillspace.infra;

import java.util.Map;

/**
 * One service's own database: Flyway migrates it as {@code ownerUser}; the service connects as {@code appUser},
 * which owns nothing and has neither SUPERUSER nor BYPASSRLS.
 */
public record ServiceDatabase(String host, int port, String name,
                              String ownerUser, String ownerPassword,
                              String appUser, String appPassword) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }

    /** Quarkus configuration that points a service at this database. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.datasource.reactive.url", reactiveUrl(),
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", appUser,
                "quarkus.datasource.password", appPassword,
                "quarkus.flyway.username", ownerUser,
                "quarkus.flyway.password", ownerPassword);
    }
}
