package io.quillspace.shared.problem;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProblemResponsesFilterTest {

    @Test
    void aSecuredReadOfOneThingAnswers401And403And404AsProblems() {
        Operation get = secured(operation(200)).addParameter(parameter(Parameter.In.PATH));

        filter(get);

        assertEquals(Map.of("200", "-", "401", "Problem", "403", "Problem", "404", "Problem"), bodies(get));
        assertEquals(ProblemResponsesFilter.UNAUTHORIZED, get.getResponses().getAPIResponse("401").getDescription());
        assertEquals(ProblemResponsesFilter.NOT_FOUND, get.getResponses().getAPIResponse("404").getDescription());
    }

    @Test
    void aBodyOrAQueryCanBeInvalidAndAPathWithoutIdsCannotBeAbsent() {
        Operation list = operation(200).addParameter(parameter(Parameter.In.QUERY));
        Operation create = operation(201).requestBody(OASFactory.createRequestBody());
        Operation all = operation(200);

        filter(list, create, all);

        assertEquals(Map.of("200", "-", "400", "Problem"), bodies(list));
        assertEquals(Map.of("201", "-", "400", "Problem"), bodies(create));
        assertEquals(Map.of("200", "-"), bodies(all));
        assertEquals(ProblemResponsesFilter.INVALID, list.getResponses().getAPIResponse("400").getDescription());
    }

    @Test
    void whatTheResourceSaysStaysAndAProblemItNamesGetsItsBody() {
        Operation edit = secured(operation(200)).addParameter(parameter(Parameter.In.PATH))
                .requestBody(OASFactory.createRequestBody());
        edit.getResponses().addAPIResponse("404", OASFactory.createAPIResponse().description("No such kind"))
                .addAPIResponse("409", OASFactory.createAPIResponse().description("Not in that state"));

        filter(edit);

        assertEquals("No such kind", edit.getResponses().getAPIResponse("404").getDescription());
        assertEquals("Not in that state", edit.getResponses().getAPIResponse("409").getDescription());
        assertEquals(Map.of("200", "-", "400", "Problem", "401", "Problem", "403", "Problem", "404", "Problem",
                "409", "ConflictProblem"), bodies(edit));
    }

    @Test
    void aResponseWithABodyOfItsOwnKeepsIt() {
        Operation page = operation(200).addParameter(parameter(Parameter.In.QUERY));
        page.getResponses().addAPIResponse("400", OASFactory.createAPIResponse().description("An HTML page")
                .content(OASFactory.createContent().addMediaType("text/html", OASFactory.createMediaType())));

        filter(page);

        assertEquals(List.of("text/html"), List.copyOf(page.getResponses().getAPIResponse("400").getContent()
                .getMediaTypes().keySet()));
    }

    @Test
    void anOperationOpenToAllIsNotSecuredEvenWhenTheDocumentIs() {
        Operation open = operation(200).security(List.of(OASFactory.createSecurityRequirement()));
        Operation inherited = operation(200);
        OpenAPI document = document(open, inherited)
                .security(List.of(OASFactory.createSecurityRequirement().addScheme("jwt")));

        new ProblemResponsesFilter().filterOpenAPI(document);

        assertEquals(Map.of("200", "-"), bodies(open));
        assertEquals(Map.of("200", "-", "401", "Problem", "403", "Problem"), bodies(inherited));
    }

    @Test
    void aPathLevelParameterCountsForEveryOperationOfThePath() {
        Operation get = operation(200);
        OpenAPI document = document(get);
        document.getPaths().getPathItem("/p0").addParameter(parameter(Parameter.In.PATH));

        new ProblemResponsesFilter().filterOpenAPI(document);

        assertEquals(Map.of("200", "-", "404", "Problem"), bodies(get));
    }

    @Test
    void aDocumentWithoutPathsIsLeftAlone() {
        OpenAPI empty = OASFactory.createOpenAPI();

        new ProblemResponsesFilter().filterOpenAPI(empty);

        assertNull(empty.getPaths());
    }

    private static Operation operation(int success) {
        return OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse(Integer.toString(success), OASFactory.createAPIResponse().description("ok")));
    }

    private static Operation secured(Operation operation) {
        return operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("jwt"));
    }

    private static Parameter parameter(Parameter.In in) {
        return OASFactory.createParameter().name("p").in(in);
    }

    private static void filter(Operation... operations) {
        new ProblemResponsesFilter().filterOpenAPI(document(operations));
    }

    /** Each operation on a path of its own, {@code /p0}, {@code /p1}, ... */
    private static OpenAPI document(Operation... operations) {
        var paths = OASFactory.createPaths();
        for (int i = 0; i < operations.length; i++) {
            PathItem item = OASFactory.createPathItem().GET(operations[i]);
            paths.addPathItem("/p" + i, item);
        }
        return OASFactory.createOpenAPI().paths(paths);
    }

    /** Each status with its problem+json schema's name, or "-" for a response that is not a problem. */
    private static Map<String, String> bodies(Operation operation) {
        Map<String, String> bodies = new TreeMap<>();
        for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
            var content = response.getValue().getContent();
            var problem = content == null ? null : content.getMediaType(Problem.MEDIA_TYPE);
            bodies.put(response.getKey(), problem == null ? "-"
                    : problem.getSchema().getRef().replace("#/components/schemas/", ""));
        }
        return bodies;
    }
}
