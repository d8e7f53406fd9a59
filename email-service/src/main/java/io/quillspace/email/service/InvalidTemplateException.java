package io.quillspace.email.service;

import java.util.List;

/** A template a studio wrote that does not compile or uses variables emails do not provide. */
public class InvalidTemplateException extends RuntimeException {

    private final List<String> problems;

    public InvalidTemplateException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
