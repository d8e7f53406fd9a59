package io.quillspace.ingress.rest;

import io.quillspace.ingress.client.CalendlyApiException;
import io.quillspace.ingress.service.CalendlyConnectionException;
import io.quillspace.ingress.service.CalendlyStudios;
import io.quillspace.shared.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Problem details of the operator endpoints. */
public class CalendlyProblemMappers {

    @ServerExceptionMapper
    public Response unknownStudio(CalendlyStudios.UnknownStudioException failure) {
        return problem(Problem.of("studio-not-found", "Studio not found", 404, failure.getMessage()));
    }

    @ServerExceptionMapper
    public Response notConfigured(CalendlyStudios.CalendlyNotConfiguredException failure) {
        return problem(Problem.of("calendly-not-configured", "Calendly API access not configured", 409,
                failure.getMessage()));
    }

    /** Calendly refused or did not answer: a bad gateway, with what Calendly answered. */
    @ServerExceptionMapper
    public Response calendlyFailed(CalendlyApiException failure) {
        return problem(Problem.of("calendly-unavailable", "Calendly's API call failed", 502, failure.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalidToken(CalendlyConnectionException.InvalidToken failure) {
        return problem(Problem.of("calendly-token-invalid", "Calendly token refused", 422, failure.getMessage()));
    }

    @ServerExceptionMapper
    public Response notAnAdmin(CalendlyConnectionException.NotAnAdmin failure) {
        return problem(Problem.of("calendly-role-insufficient", "Calendly role insufficient", 403, failure.getMessage()));
    }

    @ServerExceptionMapper
    public Response notConnected(CalendlyConnectionException.NotConnected failure) {
        return problem(Problem.of("calendly-not-connected", "Calendly not connected", 409, failure.getMessage()));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
