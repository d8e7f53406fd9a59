package io.quillspace.shared.problem;

import io.vertx.pgclient.PgException;
import jakarta.ws.rs.NotFoundException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProblemMappersTest {

    @Test
    void aQueryParameterIsNamedAsTheCallerSendsIt() {
        assertEquals("page", ProblemMappers.fieldName("list.page"));
    }

    @Test
    void aBodyFieldIsNamedWithoutTheMethodAndParameter() {
        assertEquals("projectName", ProblemMappers.fieldName("submitBrief.brief.projectName"));
    }

    @Test
    void aNestedBodyFieldKeepsItsPath() {
        assertEquals("phases[0].name", ProblemMappers.fieldName("createProposal.proposal.phases[0].name"));
    }

    @Test
    void aParameterThatDoesNotConvertIsABadRequestNotAnAbsentResource() {
        var response = new ProblemMappers().notFound(new NotFoundException(new NumberFormatException("For input string: \"abc\"")));

        assertEquals(400, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
    }

    @Test
    void anAbsentResourceStaysNotFound() {
        assertEquals(404, new ProblemMappers().notFound(new NotFoundException("no consultation 42")).getStatus());
    }

    @Test
    void anUnreachableDatabaseIsAServiceUnavailableProblemWithRetryAfter() {
        var response = new ProblemMappers().databaseFailure(new ConnectException("Connection refused"));

        assertEquals(503, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertEquals("https://quillspace.io/problems/service-unavailable", ((Problem) response.getEntity()).type());
    }

    @Test
    void aConstraintViolationReachingTheResourceStaysAServerErrorNotAnOutage() {
        var response = new ProblemMappers().databaseFailure(
                new PgException("duplicate key value", "ERROR", "23505", "Key (id) already exists"));

        assertEquals(500, response.getStatus());
        assertEquals(null, response.getHeaderString("Retry-After"));
    }
}
