package io.quillspace.ingress.studio;

import io.quillspace.shared.problem.Problem;

import java.util.List;

/** A studio profile that breaks its rules ({@link StudioProfile#problems}): answered 400 with every offending field. */
public class InvalidProfileException extends RuntimeException {

    private final List<Problem.FieldError> problems;

    public InvalidProfileException(List<Problem.FieldError> problems) {
        super(problems.size() + " invalid field(s)");
        this.problems = List.copyOf(problems);
    }

    public List<Problem.FieldError> problems() {
        return problems;
    }
}
