package io.quillspace.benchmark;

import io.quillspace.infra.KafkaBroker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded broker in a JVM of its own, as in production it is a separate system: inside the load generator's JVM
 * its allocation and GC pauses would be charged to the full path's latencies. Writes its bootstrap address to the file
 * named by the first argument once its topics exist; stops on SIGTERM.
 */
public final class StandaloneKafkaBroker {

    public static void main(String[] args) throws Exception {
        KafkaBroker broker = KafkaBroker.start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        Path ready = Path.of(args[0]);
        Files.writeString(ready.resolveSibling(ready.getFileName() + ".tmp"), broker.bootstrapServers());
        Files.move(ready.resolveSibling(ready.getFileName() + ".tmp"), ready);
        new CountDownLatch(1).await();
    }
}
