package io.quillspace.ingress.studio;

import io.quarkus.security.ForbiddenException;
import io.quillspace.shared.identity.CurrentIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The platform operator behind a request: a token with role {@value #ROLE}, audience {@value #AUDIENCE} and no
 * {@code tenant_id}. The role alone is not enough: a gateway token (audience quillspace-api) is a studio's, whatever
 * role it names, and an operator is never bound to a tenant's rows.
 */
@RequestScoped
public class PlatformOperator {

    public static final String ROLE = "platform-operator";
    public static final String AUDIENCE = "quillspace-operations";

    private final JsonWebToken token;

    public PlatformOperator(JsonWebToken token) {
        this.token = token;
    }

    /** Refuses (403) a caller that is not the platform operator. */
    public void require() {
        boolean operatorsAudience = token.getAudience() != null && token.getAudience().contains(AUDIENCE);
        if (!operatorsAudience || token.containsClaim(CurrentIdentity.TENANT_CLAIM)) {
            throw new ForbiddenException("not a platform operator token");
        }
    }
}
