package io.quillspace.infra;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Gateway-shaped JWTs signed with the development key pair (classpath {@code dev-jwt/}), for tests, the local fleet and
 * demos. Production verifies against the gateway's JWKS and never loads this key.
 */
public final class DevTokens {

    public static final String ISSUER = "https://auth.quillspace.io";
    public static final String AUDIENCE = "quillspace-api";
    public static final String PUBLIC_KEY_RESOURCE = "dev-jwt/public-key.pem";
    private static final String PRIVATE_KEY_RESOURCE = "dev-jwt/private-key.pem";

    private DevTokens() {
    }

    /** Claims as the gateway issues them, valid for an hour; tests change one claim at a time. */
    public static JwtClaimsBuilder claims(UUID tenant, UUID user, String role) {
        Instant now = Instant.now();
        return Jwt.claims()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(user.toString())
                .claim("tenant_id", tenant.toString())
                .claim("role", role)
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofHours(1)));
    }

    /** The platform operator's audience: only webhook-ingress (the studio registry) accepts it. */
    public static final String OPERATOR_AUDIENCE = "quillspace-operations";

    /**
     * Claims of the platform operator's token, valid for an hour: no {@code tenant_id} (an operator is bound to no
     * studio's rows), role {@code platform-operator}, its own audience.
     */
    public static JwtClaimsBuilder operatorClaims(UUID operator) {
        Instant now = Instant.now();
        return Jwt.claims()
                .issuer(ISSUER)
                .audience(OPERATOR_AUDIENCE)
                .subject(operator.toString())
                .claim("role", "platform-operator")
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofHours(1)));
    }

    /** A valid RS256 platform operator token. */
    public static String operatorToken(UUID operator) {
        return sign(operatorClaims(operator));
    }

    /** A valid RS256 token for the user. */
    public static String token(UUID tenant, UUID user, String role) {
        return sign(claims(tenant, user, role));
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(privateKey());
    }

    public static String publicKeyPem() {
        return resource(PUBLIC_KEY_RESOURCE);
    }

    private static PrivateKey privateKey() {
        try {
            return KeyUtils.decodePrivateKey(resource(PRIVATE_KEY_RESOURCE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable development key", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
