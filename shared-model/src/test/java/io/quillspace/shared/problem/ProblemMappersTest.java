package io.quillspace.shared.problem;

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
}
