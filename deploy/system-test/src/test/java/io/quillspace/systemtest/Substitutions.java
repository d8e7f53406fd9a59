package io.quillspace.systemtest;

import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Everything the rehearsal changes in a container's rendered environment, and nothing else: hostnames and ports (the
 * cluster's services become this machine's embedded servers) and, because the embedded broker speaks PLAINTEXT and
 * the embedded PostgreSQL and SMTP server have no TLS, the transport settings. Secret values are the test's own
 * (see {@link PodEnvironment}). Every substitution made is recorded, so the test can print the whole mapping.
 */
final class Substitutions {

    enum Kind { HOSTNAME, PORT, TRANSPORT }

    /** {@code rehearsal} empty: the variable is unset. */
    record Substitution(Kind kind, String variable, String manifest, Optional<String> rehearsal) {
        @Override
        public String toString() {
            return String.format("%-9s %-58s %s -> %s", kind, variable, manifest, rehearsal.orElse("(unset)"));
        }
    }

    /** The local servers that stand in for the cluster's. */
    record Local(String postgres, String kafka, String smtpHost, int smtpPort, String otlpOrigin, String jwksOrigin,
                 String objectStoreOrigin) {
    }

    /** What stays a cluster hostname after substitution is a service the rehearsal did not stand in for. */
    private static final Pattern CLUSTER_HOSTNAME = Pattern.compile("[a-z0-9-]+\\.[a-z0-9-]+\\.svc\\b");

    private final Local local;
    private final Set<Substitution> made = new TreeSet<>(Comparator.comparing(Substitution::toString));

    Substitutions(Local local) {
        this.local = local;
    }

    /** {@code environment} with the substitutions made; {@code what} names the container in failures. */
    Map<String, String> apply(String what, Map<String, String> environment) {
        Map<String, String> substituted = new LinkedHashMap<>();
        environment.forEach((variable, value) -> substitute(variable, value).ifPresent(v -> substituted.put(variable, v)));
        substituted.forEach((variable, value) -> {
            if (CLUSTER_HOSTNAME.matcher(value).find()) {
                throw new AssertionError(what + ": " + variable + "=" + value + " names a cluster service the rehearsal"
                        + " has no stand-in for");
            }
        });
        return substituted;
    }

    /** The container's listener {@code variable} (its containerPort {@code manifest}) on a free local port. */
    String port(String container, String variable, int manifest, int rehearsal) {
        made.add(new Substitution(Kind.PORT, container + " " + variable, Integer.toString(manifest),
                Optional.of(Integer.toString(rehearsal))));
        return Integer.toString(rehearsal);
    }

    Set<Substitution> made() {
        return made;
    }

    private Optional<String> substitute(String variable, String value) {
        return switch (variable) {
            case "KAFKA_BOOTSTRAP_SERVERS" -> replace(Kind.HOSTNAME, variable, value, local.kafka());
            case "QUARKUS_DATASOURCE_REACTIVE_URL" -> Optional.of(authority(variable, value, local.postgres()));
            case "QUARKUS_DATASOURCE_JDBC_URL" -> Optional.of(jdbcUrl(variable, value));
            case "QUARKUS_MAILER_HOST" -> replace(Kind.HOSTNAME, variable, value, local.smtpHost());
            case "QUARKUS_MAILER_PORT" -> replace(Kind.PORT, variable, value, Integer.toString(local.smtpPort()));
            case "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" ->
                    Optional.of(origin(variable, value, local.otlpOrigin()));
            case "MP_JWT_VERIFY_PUBLICKEY_LOCATION" -> Optional.of(origin(variable, value, local.jwksOrigin()));
            case "QUILLSPACE_FILES_ENDPOINT" -> Optional.of(origin(variable, value, local.objectStoreOrigin()));
            // The embedded store takes the bucket in the path, as MinIO does.
            case "QUILLSPACE_FILES_PATH_STYLE" -> transport(variable, value, "true");
            case "KAFKA_SECURITY_PROTOCOL" -> transport(variable, value, "PLAINTEXT");
            case "KAFKA_SASL_MECHANISM", "KAFKA_SSL_TRUSTSTORE_LOCATION", "KAFKA_SSL_TRUSTSTORE_TYPE",
                 "KAFKA_SSL_TRUSTSTORE_CERTIFICATES", "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM",
                 "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS",
                 "QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM" -> unset(variable, value);
            case "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE" -> transport(variable, value, "disable");
            case "QUARKUS_MAILER_START_TLS" -> transport(variable, value, "DISABLED");
            case "QUARKUS_MAILER_TLS" -> transport(variable, value, "false");
            default -> Optional.of(value);
        };
    }

    private Optional<String> replace(Kind kind, String variable, String value, String rehearsal) {
        if (!value.equals(rehearsal)) {
            made.add(new Substitution(kind, variable, value, Optional.of(rehearsal)));
        }
        return Optional.of(rehearsal);
    }

    private Optional<String> transport(String variable, String value, String plain) {
        return replace(Kind.TRANSPORT, variable, value, plain);
    }

    private Optional<String> unset(String variable, String value) {
        made.add(new Substitution(Kind.TRANSPORT, variable, value, Optional.empty()));
        return Optional.empty();
    }

    /** {@code scheme://host:port/path}: the host and port become {@code local}'s, the path stays. */
    private String authority(String variable, String value, String localAuthority) {
        URI uri = URI.create(value);
        made.add(new Substitution(Kind.HOSTNAME, variable, uri.getRawAuthority(), Optional.of(localAuthority)));
        return value.replace("//" + uri.getRawAuthority(), "//" + localAuthority);
    }

    /** {@code scheme://host:port}: the origin becomes {@code localOrigin} (plain HTTP), the path stays. */
    private String origin(String variable, String value, String localOrigin) {
        URI uri = URI.create(value);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        made.add(new Substitution(Kind.HOSTNAME, variable, origin, Optional.of(localOrigin)));
        return localOrigin + value.substring(origin.length());
    }

    /** The database stays; its host and port become the local server's, and TLS verification is turned off. */
    private String jdbcUrl(String variable, String value) {
        String url = "jdbc:" + authority(variable, value.substring("jdbc:".length()), local.postgres());
        int query = url.indexOf('?');
        if (query < 0 || url.substring(query).equals("?sslmode=disable")) {
            return url;
        }
        made.add(new Substitution(Kind.TRANSPORT, variable, url.substring(query), Optional.of("?sslmode=disable")));
        return url.substring(0, query) + "?sslmode=disable";
    }
}
