package io.quillspace.ingress.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The benchmark's baseline: a bare POST that takes the same body and answers 202, in the same process as the real
 * endpoint. Compiled into webhook-ingress only by builds made with {@code -Dquillspace.ingress.benchmark-baseline=true}
 * (deploy/benchmark/ingress-benchmark.sh, webhook-ingress's profile {@code benchmark-baseline}); the build property
 * also keeps it out of a later normal build that finds its class left in {@code target/classes}.
 */
@IfBuildProperty(name = "quillspace.ingress.benchmark-baseline", stringValue = "true")
@Path("/benchmark/baseline")
public class BenchmarkBaselineResource {

    /** On the event loop, like the real endpoint: the comparison then measures only verification and publishing. */
    @POST
    @NonBlocking
    @Operation(hidden = true)
    public Response accept(byte[] body) {
        return Response.accepted().build();
    }
}
