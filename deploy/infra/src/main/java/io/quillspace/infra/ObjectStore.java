package io.quillspace.infra;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.net.URI;
import java.util.Map;

/**
 * A real S3-compatible server (s3proxy, in-process, objects in memory) with authorization switched on: it checks SigV4
 * signatures, the expiry of presigned URLs and every signed header, so a test that sees it refuse a request proves
 * what AWS S3 would refuse. One bucket, created at start.
 */
public final class ObjectStore implements AutoCloseable {

    public static final String BUCKET = "quillspace-files";
    public static final String REGION = "us-east-1";
    // Local-only credentials of an in-memory store on loopback; production keys come from the quillspace-files Secret.
    public static final String ACCESS_KEY = "quillspace-local";
    public static final String SECRET_KEY = "quillspace-local-secret";

    private final S3Proxy proxy;

    private ObjectStore(S3Proxy proxy) {
        this.proxy = proxy;
    }

    /** Starts on {@code port} (0 picks a free one). */
    public static ObjectStore start(int port) {
        BlobStore blobs = new TransientNio2BlobStore();
        blobs.createContainer(BUCKET);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs)
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:" + Ports.freeIfZero(port)))
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded S3 store did not start", e);
        }
        return new ObjectStore(proxy);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** Quarkus configuration that points a service's file storage (shared-model {@code FileStorageConfig}) here. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quillspace.files.endpoint", endpoint(),
                "quillspace.files.region", REGION,
                "quillspace.files.bucket", BUCKET,
                "quillspace.files.path-style", "true",
                "quillspace.files.access-key", ACCESS_KEY,
                "quillspace.files.secret-key", SECRET_KEY);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded S3 store did not stop", e);
        }
    }
}
