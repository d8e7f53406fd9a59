package io.quillspace.email.unsubscribe;

import io.quillspace.email.config.EmailConfig;
import io.quillspace.email.repository.SuppressionRepository;
import io.quillspace.shared.identity.UserIds;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Unsubscribe links of non-transactional email: the link names the studio and the (normalized) address and carries
 * an HMAC of both, so nobody can unsubscribe an address they did not receive mail at, nor use one studio's link for
 * another studio. The same URL serves the confirmation page (GET) and the change (POST).
 */
@ApplicationScoped
public class Unsubscribes {

    private final EmailConfig config;
    private final SuppressionRepository suppressions;

    public Unsubscribes(EmailConfig config, SuppressionRepository suppressions) {
        this.config = config;
        this.suppressions = suppressions;
    }

    public String url(UUID tenant, String email) {
        String address = UserIds.normalizedEmail(email);
        return config.unsubscribe().baseUrl() + "/unsubscribe?tenant=" + tenant + "&email="
                + URLEncoder.encode(address, StandardCharsets.UTF_8) + "&token=" + token(tenant, address);
    }

    /**
     * The studio a link was issued for, if the link is complete and its token the one we issued for this studio and
     * address; empty for a forged, foreign or garbled link (a studio that is not a UUID included).
     */
    public Optional<UUID> issuer(String tenant, String email, String token) {
        if (tenant == null || email == null || email.isBlank() || token == null) {
            return Optional.empty();
        }
        UUID studio;
        try {
            studio = UUID.fromString(tenant);
        } catch (IllegalArgumentException garbled) {
            return Optional.empty();
        }
        boolean issued = MessageDigest.isEqual(token(studio, UserIds.normalizedEmail(email))
                .getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
        return issued ? Optional.of(studio) : Optional.empty();
    }

    /** Records the unsubscribe if the link is valid; false for a forged, foreign or garbled link. */
    public Uni<Boolean> unsubscribe(String tenant, String email, String token) {
        return issuer(tenant, email, token)
                .map(studio -> TenantTransactions.inTenant(TenantContext.service(studio),
                                () -> TenantTransactions.registerTenant(studio).chain(() -> suppressions.add(studio, email)))
                        .replaceWith(true))
                .orElseGet(() -> Uni.createFrom().item(false));
    }

    private String token(UUID tenant, String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.unsubscribe().secret().orElseThrow().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((tenant + ":" + address).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
