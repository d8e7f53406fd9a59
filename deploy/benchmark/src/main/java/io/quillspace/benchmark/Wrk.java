package io.quillspace.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Saturation throughput measured by wrk, which leaves more of a small machine's CPU to the service under test. */
final class Wrk {

    record Result(double throughputPerSecond, long failures) {
    }

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

    private Wrk() {
    }

    /** POSTs {@code body} (with the signature header if given) over {@code connections} connections. */
    static Result saturate(URI uri, byte[] body, String signature, int connections, Duration duration)
            throws IOException, InterruptedException {
        Path bodyFile = Files.createTempFile("quillspace-wrk-body", ".json");
        Path script = Files.createTempFile("quillspace-wrk", ".lua");
        try {
            Files.write(bodyFile, body);
            Files.writeString(script, """
                    local f = io.open("%s", "rb")
                    wrk.method = "POST"
                    wrk.body = f:read("*a")
                    f:close()
                    wrk.headers["Content-Type"] = "application/json"
                    %s
                    """.formatted(bodyFile, signature == null ? ""
                    : "wrk.headers[\"Calendly-Webhook-Signature\"] = \"" + signature + "\""));
            Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
                    "-s", script.toString(), uri.toString()).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed:\n" + output);
            }
            Matcher rate = REQUESTS_PER_SECOND.matcher(output);
            if (!rate.find()) {
                throw new IllegalStateException("no Requests/sec in wrk output:\n" + output);
            }
            Matcher errors = NON_2XX.matcher(output);
            return new Result(Double.parseDouble(rate.group(1)), errors.find() ? Long.parseLong(errors.group(1)) : 0);
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(bodyFile);
        }
    }
}
