package io.quillspace.ingress.service;

import io.quillspace.ingress.client.CalendlyApiException;
import io.quillspace.ingress.client.CalendlyClient;
import io.quillspace.ingress.config.IngressConfig;
import io.quillspace.ingress.connection.ConfiguredStudios;
import io.quillspace.ingress.connection.ConnectionStore;
import io.quillspace.ingress.connection.SigningKeys;
import io.quillspace.shared.tenancy.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A studio's admin connects its Calendly organization with a personal access token, and rotates its signing key.
 * Both create a new key (32 random bytes) and a new organization-scope webhook subscription with it at the studio's
 * callback URL, deleting the one there before (Calendly cannot change a subscription's key and refuses a second one
 * at the same URL; reconciliation finds what was booked in between). The previous key stays accepted for
 * {@code quillspace.ingress.calendly.signing-key-overlap}. Calendly is called before anything is stored: a refused
 * token or role changes nothing.
 */
@ApplicationScoped
public class CalendlyConnections {

    private static final Logger LOG = Logger.getLogger(CalendlyConnections.class);
    /** Organization-scope webhook subscriptions need one of these roles (Calendly's organization_memberships). */
    private static final Set<String> SUBSCRIBING_ROLES = Set.of("admin", "owner");
    private static final int MAX_TOKEN = 4096;
    /** The changes this records in the studio's history. */
    static final String CALENDLY_CONNECTED = "CALENDLY_CONNECTED";
    static final String SIGNING_KEY_ROTATED = "SIGNING_KEY_ROTATED";
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

    private final ConnectionStore store;
    private final ConfiguredStudios studios;
    private final CalendlyClient calendly;
    private final SubscriptionService subscriptions;
    private final IngressConfig config;
    private final Clock clock;

    public CalendlyConnections(ConnectionStore store, ConfiguredStudios studios, CalendlyClient calendly,
                               SubscriptionService subscriptions, IngressConfig config, Clock clock) {
        this.store = store;
        this.studios = studios;
        this.calendly = calendly;
        this.subscriptions = subscriptions;
        this.config = config;
        this.clock = clock;
    }

    /** The Calendly user and organization a token acts for. */
    private record Account(String user, String organization) {
    }

    /** {@code caller} (its studio's admin) connects its studio with {@code token}, replacing any connection before. */
    public Uni<ConnectionStore.Stored> connect(TenantContext caller, UUID studio, String token) {
        ownOnly(caller, studio);
        if (token == null || token.length() > MAX_TOKEN || !TOKEN.matcher(token).matches()) {
            throw new CalendlyConnectionException.InvalidToken();
        }
        return store.present(caller, studio)
                .chain(() -> account(token))
                .chain(account -> resubscribe(caller, new ConnectionStore.Opened(studio, account.organization(),
                        account.user(), token, null, null), CALENDLY_CONNECTED));
    }

    /** A new signing key for {@code caller}'s connected studio, with a new subscription. */
    public Uni<ConnectionStore.Stored> rotateSigningKey(TenantContext caller, UUID studio) {
        ownOnly(caller, studio);
        return store.connection(caller, studio)
                .map(found -> found.orElseThrow(CalendlyConnectionException.NotConnected::new))
                .chain(connection -> resubscribe(caller, connection, SIGNING_KEY_ROTATED));
    }

    private Uni<ConnectionStore.Stored> resubscribe(TenantContext caller, ConnectionStore.Opened connection,
                                                    String change) {
        UUID id = connection.studio();
        String key = SigningKeys.generate();
        CalendlyStudios.Studio target = new CalendlyStudios.Studio(studios.slugOf(id), id, connection.token(),
                connection.organization(), studios.callbackUrl(id), key);
        return subscriptions.subscribe(target)
                .chain(state -> store.replace(caller, new ConnectionStore.Opened(id, connection.organization(),
                                connection.user(), connection.token(), state.subscription(), connection.connectedAt()),
                        key, clock.instant(), config.calendly().signingKeyOverlap(), change))
                .invoke(stored -> LOG.infof("studio %s connected to Calendly organization %s, signing key generation %d",
                        id, connection.organization(), stored.generation()));
    }

    /** The token's user and organization, if Calendly takes the token and the user may subscribe for it. */
    private Uni<Account> account(String token) {
        return calendly.currentUser(token)
                .onFailure(CalendlyConnections::refused).transform(failure -> new CalendlyConnectionException.InvalidToken())
                .chain(user -> {
                    String uri = user.path("uri").asText("");
                    String organization = user.path("current_organization").asText("");
                    if (uri.isEmpty() || organization.isEmpty()) {
                        return Uni.createFrom().failure(new CalendlyConnectionException.InvalidToken());
                    }
                    return calendly.organizationMemberships(token, uri, organization).collect().first()
                            .map(membership -> {
                                String role = membership == null ? null : membership.path("role").asText(null);
                                if (role == null || !SUBSCRIBING_ROLES.contains(role)) {
                                    throw new CalendlyConnectionException.NotAnAdmin(role);
                                }
                                return new Account(uri, organization);
                            });
                });
    }

    /** Calendly answered that the token is no good (unauthenticated, or not allowed to read its own user). */
    private static boolean refused(Throwable failure) {
        return failure instanceof CalendlyApiException api && api.status() != null
                && (api.status() == 401 || api.status() == 403);
    }

    /** A studio's admin reaches its own studio only; any other is as absent as an unknown one. */
    private static void ownOnly(TenantContext caller, UUID studio) {
        if (!caller.tenantId().equals(studio)) {
            throw new NotFoundException("no studio of that id");
        }
    }
}
