package io.quillspace.shared.files;

import io.smallrye.config.ConfigMapping;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a service's files live ({@code quillspace.files.*}): any S3-compatible store. The bucket, region and endpoint
 * come from the {@code quillspace-files} ConfigMap, the keys from its Secret.
 */
@ConfigMapping(prefix = "quillspace.files")
public interface FileStorageConfig {

    /** The store's endpoint; absent means AWS S3 in {@link #region()}. */
    Optional<URI> endpoint();

    @WithDefault("us-east-1")
    String region();

    @WithDefault("quillspace-files")
    String bucket();

    /** {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key}: MinIO, Ceph and the embedded store. */
    @WithDefault("false")
    boolean pathStyle();

    /** With {@link #secretKey()}; both absent means the SDK's default chain (environment, profile, instance role). */
    Optional<String> accessKey();

    Optional<String> secretKey();

    /** The credentials that sign requests and presigned URLs. */
    default AwsCredentialsProvider credentials() {
        if (accessKey().isPresent() && secretKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey().get(), secretKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** How long a presigned upload may start. */
    @WithDefault("15m")
    Duration uploadTtl();

    /** How long a presigned download may start. */
    @WithDefault("5m")
    Duration downloadTtl();
}
