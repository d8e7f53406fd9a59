package io.quillspace.shared.files;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Presigns S3 requests with the SDK's SigV4 signer. Not the SDK's {@code S3Presigner}: that one signs with the system
 * clock, and a signature made with the service's own clock is what lets a test hold an expired URL without waiting.
 * An upload signs its exact {@code Content-Length} and {@code Content-Type} (and checksum when declared), so the store
 * refuses a larger body or another type.
 */
public final class FilePresigner {

    public static final String CHECKSUM_HEADER = "x-amz-checksum-sha256";
    /** Keys are made by us from UUIDs: nothing in them needs URL encoding, and nothing from a user reaches them. */
    private static final Pattern SAFE_KEY = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*");

    private final URI endpoint;
    private final String region;
    private final String bucket;
    private final boolean pathStyle;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public FilePresigner(FileStorageConfig config, Clock clock) {
        this.endpoint = config.endpoint().orElse(URI.create("https://s3." + config.region() + ".amazonaws.com"));
        this.region = config.region();
        this.bucket = config.bucket();
        this.pathStyle = config.pathStyle();
        this.credentials = config.credentials();
        this.clock = clock;
    }

    /** A PUT of exactly {@code size} bytes of {@code contentType}, with the client's SHA-256 if it declared one. */
    public PresignedRequest upload(String key, String contentType, long size, String checksumSha256, Duration ttl) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(objectUri(key))
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Long.toString(size));
        if (checksumSha256 != null) {
            request.putHeader(CHECKSUM_HEADER, checksumSha256);
        }
        return sign(request.build(), ttl);
    }

    /** A GET that makes the browser save the object under {@code contentDisposition} rather than display it. */
    public PresignedRequest download(String key, String contentDisposition, Duration ttl) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(objectUri(key))
                .putRawQueryParameter("response-content-disposition", contentDisposition)
                .build();
        return sign(request, ttl);
    }

    private PresignedRequest sign(SdkHttpRequest request, Duration ttl) {
        Instant signedAt = clock.instant();
        SdkHttpRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, ttl)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, clock.getZone()))).request();
        Map<String, String> headers = new LinkedHashMap<>();
        request.forEachHeader((name, values) -> headers.put(name, values.get(0)));
        return new PresignedRequest(signed.getUri(), request.method().name(), headers, signedAt.plus(ttl));
    }

    private URI objectUri(String key) {
        if (!SAFE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not an object key made by us: " + key);
        }
        String base = endpoint.toString().replaceAll("/+$", "");
        if (pathStyle) {
            return URI.create(base + "/" + bucket + "/" + key);
        }
        return URI.create(endpoint.getScheme() + "://" + bucket + "." + endpoint.getRawAuthority() + "/" + key);
    }
}
