package io.quillspace.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DemoTokenTest {

    @Test
    void theOperatorsTokenHasItsOwnAudienceAndRoleAndNoTenant() throws Exception {
        UUID operator = UUID.randomUUID();

        JsonNode claims = claims(FleetLauncher.demoToken(new String[]{"token", "operator", operator.toString()}));

        assertEquals(operator.toString(), claims.get("sub").asText());
        assertEquals("platform-operator", claims.get("role").asText());
        assertEquals("quillspace-operations", claims.get("aud").isArray() ? claims.get("aud").get(0).asText()
                : claims.get("aud").asText());
        assertFalse(claims.has("tenant_id"), claims.toString());
    }

    @Test
    void aStudioTokenIsTheDemoStudiosAndAnotherRoleIsRefused() throws Exception {
        JsonNode claims = claims(FleetLauncher.demoToken(new String[]{"token", "admin"}));

        assertEquals(Fleet.DEMO_TENANT.toString(), claims.get("tenant_id").asText());
        assertEquals("admin", claims.get("role").asText());
        assertThrows(IllegalArgumentException.class, () -> FleetLauncher.demoToken(new String[]{"token", "root"}));
    }

    private static JsonNode claims(String token) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
