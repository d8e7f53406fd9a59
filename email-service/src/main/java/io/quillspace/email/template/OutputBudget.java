package io.quillspace.email.template;

import io.quarkus.qute.ResultNode;

/**
 * How much of one rendered part's bound is used. Qute builds a loop's whole result before anything is written, so each
 * loop iteration is charged as it completes and a render stops at the first iteration that passes the bound, long
 * before a hostile nesting of loops could fill the heap. Every output byte is charged once, by the innermost loop
 * around it; output outside loops is bounded by the template's own size and checked on the finished part.
 */
final class OutputBudget {

    /** The template instance attribute the budget travels in, from the render to the loops. */
    static final String ATTRIBUTE = OutputBudget.class.getName();

    private final TemplatePart part;
    private final long maxBytes;
    private long charged;

    OutputBudget(TemplatePart part, long maxBytes) {
        this.part = part;
        this.maxBytes = maxBytes;
    }

    /** What was charged so far: a loop iteration notes it when it starts, to tell its own output from its loops'. */
    long charged() {
        return charged;
    }

    /** Refuses to start more work once the bound is passed, so the rest of an overflowing loop is skipped at once. */
    void checkNotExceeded() {
        if (charged > maxBytes) {
            throw tooLarge();
        }
    }

    /**
     * Charges an iteration that started when {@code chargedAtStart} was charged: its whole result replaces what the
     * loops inside it charged meanwhile, which that result contains.
     */
    void chargeIteration(ResultNode result, long chargedAtStart) {
        long[] size = {0};
        result.process(chunk -> size[0] += utf8Length(chunk));
        charged = chargedAtStart + size[0];
        checkNotExceeded();
    }

    /** Checks the finished part, output outside loops included. */
    void checkFinished(String rendered) {
        if (utf8Length(rendered) > maxBytes) {
            throw tooLarge();
        }
    }

    private TemplateRenderException tooLarge() {
        return new TemplateRenderException(part, "the " + part.label() + " part renders past " + maxBytes / 1024
                + " KiB; an email part may be at most that large");
    }

    static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // A surrogate pair is 4 bytes: 2 for each half.
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
