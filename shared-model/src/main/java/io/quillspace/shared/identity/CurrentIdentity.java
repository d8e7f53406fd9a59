package io.quillspace.shared.identity;

import io.quarkus.security.UnauthorizedException;
import io.quillspace.shared.tenancy.TenantContext;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/**
 * The caller of an HTTP request as the fleet understands it: the verified gateway token turned into a
 * {@link TenantContext}. Signature, issuer, audience, expiry and the presence of {@code tenant_id} are checked by
 * SmallRye JWT before this runs; here the claims must also be well-formed, or the request is unauthorized.
 */
@RequestScoped
public class CurrentIdentity {

    public static final String TENANT_CLAIM = "tenant_id";
    public static final String ROLE_CLAIM = "role";

    private final JsonWebToken token;

    public CurrentIdentity(JsonWebToken token) {
        this.token = token;
    }

    public TenantContext tenantContext() {
        UUID tenant = uuid(token.getClaim(TENANT_CLAIM), TENANT_CLAIM);
        UUID user = uuid(token.getSubject(), "sub");
        return new TenantContext(tenant, Optional.of(user), role(token.getClaim(ROLE_CLAIM)));
    }

    private static UUID uuid(Object claim, String name) {
        if (claim != null) {
            try {
                return UUID.fromString(claim.toString());
            } catch (IllegalArgumentException e) {
                // falls through to the refusal below; the value is never echoed
            }
        }
        throw new UnauthorizedException("token claim '" + name + "' is not a UUID");
    }

    /** Only people's roles come from tokens; the service role is for the fleet's own background work. */
    private static TenantContext.Role role(Object claim) {
        String role = claim == null ? "" : claim.toString();
        if (role.equals(TenantContext.Role.ADMIN.setting())) {
            return TenantContext.Role.ADMIN;
        }
        if (role.equals(TenantContext.Role.USER.setting())) {
            return TenantContext.Role.USER;
        }
        throw new UnauthorizedException("token claim 'role' must be 'user' or 'admin'");
    }
}
