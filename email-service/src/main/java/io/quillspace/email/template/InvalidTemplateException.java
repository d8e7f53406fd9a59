package io.quillspace.email.template;

import java.util.List;

/** A template a studio wrote that does not compile or reaches past what its emails offer; names every problem. */
public class InvalidTemplateException extends RuntimeException {

    private final List<TemplateProblem> problems;

    InvalidTemplateException(List<TemplateProblem> problems) {
        super(String.join("; ", problems.stream().map(TemplateProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    List<TemplateProblem> problems() {
        return problems;
    }
}
