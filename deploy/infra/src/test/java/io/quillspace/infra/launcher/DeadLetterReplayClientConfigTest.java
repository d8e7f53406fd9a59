package io.quillspace.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The replay tool authenticates as the dlq-replay KafkaUser with what a client properties file says. */
class DeadLetterReplayClientConfigTest {

    @Test
    void theFilesPropertiesJoinTheBootstrapServers(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("dlq-replay.properties");
        Files.writeString(file, """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="dlq-replay" password="s3cret";
                """);

        Map<String, Object> config = DeadLetterReplay.clientConfig("kafka:9093", file);

        assertEquals("kafka:9093", config.get("bootstrap.servers"));
        assertEquals("SASL_SSL", config.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"dlq-replay\" "
                + "password=\"s3cret\";", config.get("sasl.jaas.config"));
    }

    @Test
    void withoutAFileOnlyTheBootstrapServers() {
        assertEquals(Map.of("bootstrap.servers", "127.0.0.1:59092"), DeadLetterReplay.clientConfig("127.0.0.1:59092", null));
    }
}
