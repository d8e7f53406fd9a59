package io.quillspace.ingress.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Calendly's API v2, the endpoints this service reads and writes (base URL and timeouts:
 * {@code quarkus.rest-client.calendly.*}). Answers stay JSON trees: an invitee becomes a delivery payload nearly as it
 * comes. Used only through {@link CalendlyClient}, which adds the studio's token, paging, rate limits and retries.
 * Absent (null) query parameters are not sent.
 */
@RegisterRestClient(configKey = "calendly")
@Produces(MediaType.APPLICATION_JSON)
public interface CalendlyApi {

    @GET
    @Path("/scheduled_events")
    Uni<JsonNode> scheduledEvents(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @QueryParam("organization") String organization,
                                  @QueryParam("min_start_time") String minStartTime,
                                  @QueryParam("sort") String sort,
                                  @QueryParam("count") int count,
                                  @QueryParam("page_token") String pageToken);

    @GET
    @Path("/scheduled_events/{uuid}/invitees")
    Uni<JsonNode> invitees(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @PathParam("uuid") String eventUuid,
                           @QueryParam("count") int count,
                           @QueryParam("page_token") String pageToken);

    @GET
    @Path("/users/me")
    Uni<JsonNode> currentUser(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @GET
    @Path("/organization_memberships")
    Uni<JsonNode> organizationMemberships(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                          @QueryParam("user") String user,
                                          @QueryParam("organization") String organization,
                                          @QueryParam("count") int count,
                                          @QueryParam("page_token") String pageToken);

    @GET
    @Path("/webhook_subscriptions")
    Uni<JsonNode> webhookSubscriptions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                       @QueryParam("organization") String organization,
                                       @QueryParam("scope") String scope,
                                       @QueryParam("count") int count,
                                       @QueryParam("page_token") String pageToken);

    @POST
    @Path("/webhook_subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<JsonNode> createWebhookSubscription(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                            JsonNode subscription);

    @DELETE
    @Path("/webhook_subscriptions/{uuid}")
    Uni<Void> deleteWebhookSubscription(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                        @PathParam("uuid") String subscriptionUuid);
}
