package io.quillspace.shared.problem;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Documents the problem responses every API shares, read from what an operation is (registered as
 * {@code mp.openapi.filter} in shared-model's {@code META-INF/microprofile-config.properties}), so a resource annotates
 * only the responses of its own:
 * <ul>
 * <li>a secured operation answers 401 and 403 (see {@link ProblemMappers});</li>
 * <li>one that reads a body, a query or a header answers 400 with every offending field;</li>
 * <li>one with a path parameter answers 404, also for another user's or tenant's ids;</li>
 * <li>every problem status (4xx, 5xx) a resource names without a body is {@code application/problem+json}: a 409 a
 * {@link ConflictProblem}, anything else a {@link Problem}.</li>
 * </ul>
 * What a resource documents itself stays as it is.
 */
public class ProblemResponsesFilter implements OASFilter {

    static final String INVALID = "Invalid request: one problem listing every offending field in `errors`";
    static final String UNAUTHORIZED = "No valid bearer token (missing, expired, wrong issuer, audience or signature, "
            + "no tenant claim)";
    static final String FORBIDDEN = "The token's role may not do this";
    static final String NOT_FOUND = "Nothing of that id for the caller: another user's or tenant's ids are absent too";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean securedByDefault = requiresSomething(openAPI.getSecurity());
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                document(operation, parameters(item, operation), securedByDefault);
            }
        }
    }

    private static void document(Operation operation, List<Parameter> parameters, boolean securedByDefault) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (operation.getSecurity() == null ? securedByDefault : requiresSomething(operation.getSecurity())) {
            addIfAbsent(responses, "401", UNAUTHORIZED);
            addIfAbsent(responses, "403", FORBIDDEN);
        }
        if (operation.getRequestBody() != null || parameters.stream().anyMatch(p -> p.getIn() != Parameter.In.PATH)) {
            addIfAbsent(responses, "400", INVALID);
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            addIfAbsent(responses, "404", NOT_FOUND);
        }
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (isProblemStatus(response.getKey()) && isEmpty(response.getValue().getContent())) {
                response.getValue().setContent(problemContent(response.getKey()));
            }
        }
    }

    private static void addIfAbsent(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Content problemContent(String status) {
        String schema = "409".equals(status) ? "ConflictProblem" : "Problem";
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(schema)));
    }

    private static List<Parameter> parameters(PathItem item, Operation operation) {
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        return all;
    }

    /** An empty requirement ({@code {}}) is how "no authentication" is written, e.g. for {@code @PermitAll}. */
    private static boolean requiresSomething(List<SecurityRequirement> requirements) {
        return requirements != null && requirements.stream()
                .anyMatch(requirement -> requirement.getSchemes() != null && !requirement.getSchemes().isEmpty());
    }

    private static boolean isProblemStatus(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static boolean isEmpty(Content content) {
        return content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty();
    }
}
