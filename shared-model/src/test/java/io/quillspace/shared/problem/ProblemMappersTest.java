package io.quillspace.shared.problem;

import jakarta.ws.rs.NotFoundException;
import org.junit.jupiter.api.Test;

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
}
