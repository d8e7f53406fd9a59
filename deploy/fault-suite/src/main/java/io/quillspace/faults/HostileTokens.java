package io.quillspace.faults;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.quillspace.infra.DevTokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Tokens an attacker would try, minted with Nimbus JOSE (the services verify with SmallRye JWT), so a shared bug in
 * one library cannot make a forged token and its check agree. Each has exactly one defect.
 */
public final class HostileTokens {

    private HostileTokens() {
    }

    /** Gateway-shaped claims of the tenant's admin, valid for an hour; {@code defect} changes one thing. */
    private static JWTClaimsSet claims(UUID tenant, UnaryOperator<JWTClaimsSet.Builder> defect) {
        Instant now = Instant.now();
        return defect.apply(new JWTClaimsSet.Builder()
                .issuer(DevTokens.ISSUER)
                .audience(DevTokens.AUDIENCE)
                .subject(UUID.randomUUID().toString())
                .claim("tenant_id", tenant.toString())
                .claim("role", "admin")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))).build();
    }

    /** RS256 with the development key: valid unless {@code defect} breaks a claim. */
    public static String signed(UUID tenant, UnaryOperator<JWTClaimsSet.Builder> defect) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims(tenant, defect));
            jwt.sign(new RSASSASigner(privateKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg=none}: valid claims, no signature. */
    public static String unsigned(UUID tenant) {
        return new PlainJWT(claims(tenant, builder -> builder)).serialize();
    }

    /** HS256 with the public key's PEM as the HMAC secret: the classic algorithm-confusion forgery. */
    public static String hmacWithPublicKey(UUID tenant) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(tenant, builder -> builder));
            jwt.sign(new MACSigner(DevTokens.publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String expired(UUID tenant) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return signed(tenant, builder -> builder.issueTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofHours(1)))));
    }

    public static String wrongIssuer(UUID tenant) {
        return signed(tenant, builder -> builder.issuer("https://evil.example"));
    }

    public static String wrongAudience(UUID tenant) {
        return signed(tenant, builder -> builder.audience("another-api"));
    }

    public static String withoutTenant(UUID tenant) {
        return signed(tenant, builder -> builder.claim("tenant_id", null));
    }

    public static String unknownRole(UUID tenant) {
        return signed(tenant, builder -> builder.claim("role", "superadmin"));
    }

    private static RSAPrivateKey privateKey() {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream("dev-jwt/private-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("unreadable development key", e);
        }
    }
}
