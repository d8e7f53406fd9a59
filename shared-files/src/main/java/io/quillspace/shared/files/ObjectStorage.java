package io.quillspace.shared.files;

import io.quillspace.shared.problem.Conflict;

import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The service's side of file transfer: it signs requests the client sends to the store itself (bytes never pass
 * through our heap), and checks, moves and removes what arrived. Every store call is asynchronous and resumes on the
 * caller's Vert.x context, where the reactive database session lives.
 */
@ApplicationScoped
public class ObjectStorage {

    private static final Logger LOG = Logger.getLogger(ObjectStorage.class);

    private final FileStorageConfig config;
    private final FilePresigner presigner;
    private final S3AsyncClient s3;

    public ObjectStorage(FileStorageConfig config, Clock clock) {
        this.config = config;
        this.presigner = new FilePresigner(config, clock);
        var builder = S3AsyncClient.builder()
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                .credentialsProvider(config.credentials());
        config.endpoint().ifPresent(builder::endpointOverride);
        this.s3 = builder.build();
    }

    /** The upload of the declared, pending {@code file}: exactly its size, type and checksum. */
    public FileViews.Upload presignUpload(StoredFile file) {
        return FileViews.Upload.of(file.id, presigner.upload(file.objectKey, file.contentType, file.size,
                file.checksumSha256, config.uploadTtl()));
    }

    /** The attached {@code file} with a download that saves it under its name, safely encoded. */
    public FileViews.File withDownload(StoredFile file) {
        return FileViews.File.of(file, FileViews.Download.of(presigner.download(file.objectKey,
                ContentDisposition.attachment(file.fileName), config.downloadTtl())));
    }

    /**
     * The completion every owner of files shares. A missing or attached {@code file} is answered as it is, a deleted one
     * is a conflict. Otherwise what arrived must be what was declared (else a {@link Conflict}); it is copied to
     * {@code attachedKey} (repeatable: a retried completion copies the same object again), {@code attach} records it in
     * the owner's transaction, and the pending copy is removed.
     */
    public <F extends StoredFile> Uni<F> complete(F file, Function<F, String> attachedKey, Function<String, Uni<F>> attach) {
        if (file == null || file.status == StoredFile.Status.ATTACHED) {
            return Uni.createFrom().item(file);
        }
        if (file.status == StoredFile.Status.DELETED) {
            return Uni.createFrom().failure(new Conflict(FileConflicts.FILE_DELETED,
                    "file " + file.id + " was deleted"));
        }
        String pendingKey = file.objectKey;
        String attached = attachedKey.apply(file);
        return head(pendingKey)
                .invoke(arrived -> requireDeclared(file, arrived))
                .chain(() -> copy(pendingKey, attached))
                .chain(() -> attach.apply(attached))
                .call(() -> discardPending(pendingKey));
    }

    private static void requireDeclared(StoredFile file, Optional<StoredObject> arrived) {
        if (arrived.isEmpty()) {
            throw new Conflict(FileConflicts.UPLOAD_MISSING,
                    "nothing arrived for file " + file.id + ": upload it to the presigned URL first");
        }
        List<String> differences = arrived.get().differencesFrom(file.declaration());
        if (!differences.isEmpty()) {
            throw new Conflict(FileConflicts.UPLOAD_MISMATCH,
                    "the uploaded object has " + String.join(", ", differences));
        }
    }

    /** Removes a completed upload's pending copy; a failure is only logged, as the {@code pending/} expiry removes it. */
    private Uni<Void> discardPending(String pendingKey) {
        return delete(pendingKey).onFailure().recoverWithUni(failure -> {
            LOG.warnf("could not remove the pending upload %s: %s", pendingKey, failure.toString());
            return Uni.createFrom().voidItem();
        });
    }

    /** The object under {@code key}, or empty if nothing arrived there. */
    private Uni<Optional<StoredObject>> head(String key) {
        return call(() -> s3.headObject(r -> r.bucket(config.bucket()).key(key).checksumMode(ChecksumMode.ENABLED))
                .thenApply(head -> Optional.of(new StoredObject(head.contentLength(), head.contentType(),
                        head.checksumSHA256())))
                .exceptionally(failure -> {
                    if (isAbsent(failure)) {
                        return Optional.empty();
                    }
                    throw new CompletionException(failure);
                }));
    }

    private Uni<Void> copy(String from, String to) {
        return call(() -> s3.copyObject(r -> r.sourceBucket(config.bucket()).sourceKey(from)
                .destinationBucket(config.bucket()).destinationKey(to)).thenApply(done -> null));
    }

    public Uni<Void> delete(String key) {
        return call(() -> s3.deleteObject(r -> r.bucket(config.bucket()).key(key)).thenApply(done -> null));
    }

    /** Deletes every object under {@code keys}, one after another; an absent one is fine (S3 deletes idempotently). */
    public Uni<Void> deleteAll(List<String> keys) {
        return Multi.createFrom().iterable(keys)
                .onItem().transformToUniAndConcatenate(this::delete)
                .collect().last()
                .replaceWithVoid();
    }

    private static <T> Uni<T> call(Supplier<CompletableFuture<T>> request) {
        return TenantTransactions.resumeOnCallerContext(Uni.createFrom().completionStage(request));
    }

    private static boolean isAbsent(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        return cause instanceof NoSuchKeyException || (cause instanceof S3Exception s3 && s3.statusCode() == 404);
    }

    @PreDestroy
    void close() {
        s3.close();
    }
}
