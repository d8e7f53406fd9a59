package io.quillspace.ingress.connection;

import io.quillspace.ingress.entity.CalendlyConnection;
import io.quillspace.ingress.entity.SigningKey;
import io.quillspace.ingress.repository.ConnectionRepository;
import io.quillspace.ingress.repository.StudioRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Rotation of the key-encryption key, step 2 of 3: after a new KEK was added and made current, every token and
 * signing key sealed under another one is opened and sealed again under the current KEK, in one transaction. Then
 * the old KEK can leave the Secret.
 */
@ApplicationScoped
public class KekReseal {

    private static final Logger LOG = Logger.getLogger(KekReseal.class);

    /** How many values were sealed again, under which KEK. */
    public record Result(String kek, int tokens, int signingKeys) {
    }

    private final ConnectionRepository connections;
    private final KeyEncryption encryption;

    public KekReseal(ConnectionRepository connections, KeyEncryption encryption) {
        this.connections = connections;
        this.encryption = encryption;
    }

    public Uni<Result> resealAll() {
        String current = encryption.currentKek();
        return StudioRepository.asPlatform(() -> connections.connectionsNotSealedBy(current)
                .invoke(found -> found.forEach(this::reseal))
                .chain(tokens -> connections.keysNotSealedBy(current)
                        .invoke(found -> found.forEach(this::reseal))
                        .map(keys -> new Result(current, tokens.size(), keys.size()))))
                .invoke(result -> LOG.infof("sealed %d tokens and %d signing keys again under KEK %s", result.tokens(),
                        result.signingKeys(), result.kek()));
    }

    private void reseal(CalendlyConnection connection) {
        KeyEncryption.Sealed sealed = encryption.seal(connection.tenantId, KeyEncryption.TOKEN,
                encryption.open(connection.tenantId, KeyEncryption.TOKEN,
                        new KeyEncryption.Sealed(connection.tokenKek, connection.token)));
        connection.token = sealed.ciphertext();
        connection.tokenKek = sealed.kekId();
    }

    private void reseal(SigningKey key) {
        String purpose = KeyEncryption.signingKeyPurpose(key.generation);
        KeyEncryption.Sealed sealed = encryption.seal(key.tenantId, purpose,
                encryption.open(key.tenantId, purpose, new KeyEncryption.Sealed(key.signingKeyKek, key.signingKey)));
        key.signingKey = sealed.ciphertext();
        key.signingKeyKek = sealed.kekId();
    }
}
