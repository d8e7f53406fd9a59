package io.quillspace.systemtest;

import io.quillspace.infra.FleetService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A service's configuration files as it reads them, which the manifests must match. */
final class ServiceConfiguration {

    /** Where the settings every service shares live (a service's classpath resources from shared-model). */
    private static final Path SHARED = Repository.ROOT.resolve("shared-model/src/main/resources");
    private static final Pattern PROFILE_PREFIX = Pattern.compile("^%[^.]+\\.");
    private static final Pattern INCOMING = Pattern.compile("^mp\\.messaging\\.incoming\\.\"?([^\"]+)\"?\\.topic$");
    private static final Pattern OUTGOING = Pattern.compile("^mp\\.messaging\\.outgoing\\.\"?([^\"]+)\"?\\.topic$");

    /** One consumed topic: its consumer group and where its dead letters go. */
    record Incoming(String topic, String group, Optional<String> deadLetterTopic) {
    }

    final FleetService service;
    /** Every key in any profile, the profile prefix removed. */
    private final Set<String> keys = new TreeSet<>();
    /** Keys of the default (production) profile with their values. */
    private final Map<String, String> production = new LinkedHashMap<>();

    private ServiceConfiguration(FleetService service) {
        this.service = service;
    }

    /**
     * What the service reads, lowest first so a later file overrides: shared-model's settings of every service, the
     * shared files its {@code quarkus.config.locations} names, then its own {@code application.properties}.
     */
    static ServiceConfiguration of(FleetService service) {
        ServiceConfiguration own = new ServiceConfiguration(service);
        own.read(lines(Repository.ROOT.resolve(service.module()).resolve("src/main/resources/application.properties")));
        ServiceConfiguration configuration = new ServiceConfiguration(service);
        configuration.read(lines(SHARED.resolve("META-INF/microprofile-config.properties")));
        for (String location : own.value("quarkus.config.locations").orElse("").split(",")) {
            if (!location.isBlank()) {
                configuration.read(lines(SHARED.resolve(location.strip())));
            }
        }
        configuration.keys.addAll(own.keys);
        configuration.production.putAll(own.production);
        return configuration;
    }

    private void read(List<String> lines) {
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || !stripped.contains("=")) {
                continue;
            }
            String key = stripped.substring(0, stripped.indexOf('=')).strip();
            String value = stripped.substring(stripped.indexOf('=') + 1).strip();
            if (key.equals("config_ordinal")) {
                continue;
            }
            keys.add(PROFILE_PREFIX.matcher(key).replaceFirst(""));
            if (!key.startsWith("%")) {
                production.put(key, value);
            }
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key as Quarkus reads it from the environment (FOO_BAR for foo.bar or "foo-bar"). */
    Set<String> environmentVariables() {
        return keys.stream().map(ServiceConfiguration::environmentVariable).collect(Collectors.toSet());
    }

    static String environmentVariable(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** The default (production) profile's values by the environment variable that overrides each. */
    Map<String, String> productionByEnvironmentVariable() {
        Map<String, String> byVariable = new LinkedHashMap<>();
        production.forEach((key, value) -> byVariable.put(environmentVariable(key), value));
        return byVariable;
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(production.get(key));
    }

    List<Incoming> incoming() {
        return production.keySet().stream()
                .map(INCOMING::matcher)
                .filter(Matcher::matches)
                .map(channel -> {
                    String prefix = channel.group().substring(0, channel.group().length() - "topic".length());
                    return new Incoming(production.get(channel.group()),
                            value(prefix + "group.id").orElseThrow(() -> new AssertionError(
                                    service.module() + " consumes " + channel.group(1) + " without a group.id")),
                            value(prefix + "dead-letter-queue.topic"));
                })
                .toList();
    }

    /** Property prefixes of the outgoing Kafka channels, e.g. {@code mp.messaging.outgoing.outbox.}. */
    Set<String> outgoingChannels() {
        return production.keySet().stream()
                .map(OUTGOING::matcher)
                .filter(Matcher::matches)
                .map(channel -> channel.group().substring(0, channel.group().length() - "topic".length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Default topics of the outgoing channels (a channel whose records name their topic may also write others). */
    Set<String> outgoingTopics() {
        return production.keySet().stream()
                .map(OUTGOING::matcher)
                .filter(Matcher::matches)
                .map(channel -> production.get(channel.group()))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
