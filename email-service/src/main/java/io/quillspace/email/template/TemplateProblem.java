package io.quillspace.email.template;

/** One thing wrong with a template: the part, the line (0 when the part as a whole is wrong), and what. */
record TemplateProblem(TemplatePart part, int line, String message) {

    @Override
    public String toString() {
        return part.label() + (line > 0 ? " line " + line : "") + ": " + message;
    }
}
