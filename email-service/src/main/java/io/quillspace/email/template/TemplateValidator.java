package io.quillspace.email.template;

import io.quarkus.qute.Expression;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateNode;
import io.quillspace.email.template.TemplateVocabulary.ListOf;
import io.quillspace.email.template.TemplateVocabulary.Property;
import io.quillspace.email.template.TemplateVocabulary.Shape;
import io.quillspace.email.template.TemplateVocabulary.Text;
import io.quillspace.email.template.TemplateVocabulary.View;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a compiled template part stays inside what emails offer, naming every way it does not. It walks every
 * node: each output expression, each section's parameters, and each method parameter inside them. Allowed:
 * <ul>
 *     <li>a root of the kind ({@link TemplateVocabulary#roots}), then view properties down to a text value;</li>
 *     <li>{@code or} / {@code ?:} after a text value, with a literal or an allowed property as its argument (a fallback
 *     for an absent value, as the built-in templates write {@code meeting.inviteeName ?: 'writer'});</li>
 *     <li>{@code {#if}} (with {@code else} / {@code else if} and its operators) over allowed values and literals;</li>
 *     <li>{@code {#for}} / {@code {#each}} over the view's own collections only, with the loop's element and its
 *     iteration metadata ({@code phase_count}) inside.</li>
 * </ul>
 * Everything else is refused: namespaces, other methods (with or without arguments: {@code getClass()}, {@code
 * repeat(5)}, {@code toString()}), unknown properties, {@code raw} / {@code safe}, every other section ({@code include},
 * {@code insert}, {@code eval}, {@code let}, {@code set}, {@code fragment}, {@code with}...), and loops over a number
 * or a text. {@code with} is left out on purpose: it lets bare names resolve against an object, so a name's meaning
 * would depend on where it stands.
 */
final class TemplateValidator {

    private static final Set<String> ALLOWED_SECTIONS = Set.of("if", "for", "each");
    private static final Set<String> FALLBACK_METHODS = Set.of("or", "?:");
    private static final Set<String> UNESCAPED = Set.of("raw", "safe");
    private static final String LOOP_DEFAULT_ALIAS = "it";
    private static final String QUTE_EMPTY_PARAMETER = "$empty$";

    private final TemplatePart part;
    private final List<TemplateProblem> problems = new ArrayList<>();

    private TemplateValidator(TemplatePart part) {
        this.part = part;
    }

    /** Every problem of the part, in the order they stand; empty when it stays inside the roots. */
    static List<TemplateProblem> problems(Template template, TemplatePart part, Map<String, Shape> roots) {
        TemplateValidator validator = new TemplateValidator(part);
        validator.section(template.getRootNode(), roots);
        return validator.problems;
    }

    private void nodes(List<TemplateNode> nodes, Map<String, Shape> scope) {
        for (TemplateNode node : nodes) {
            if (node.isSection()) {
                section(node.asSection(), scope);
            } else if (node.isExpression()) {
                for (Expression expression : node.getExpressions()) {
                    Shape shape = shape(expression, scope);
                    if (shape instanceof View || shape instanceof ListOf) {
                        problem(expression, "'" + expression.toOriginalString()
                                + "' is not a text value; show one of its properties");
                    }
                }
            }
        }
    }

    private void section(SectionNode section, Map<String, Shape> scope) {
        String name = section.getName();
        if (name.equals("$root") || name.equals("if")) {
            for (SectionBlock block : section.getBlocks()) {
                block.expressions.values().forEach(condition -> shape(condition, scope));
                nodes(block.nodes, scope);
            }
        } else if (name.equals("for") || name.equals("each")) {
            loop(section, scope);
        } else {
            problems.add(new TemplateProblem(part, section.getOrigin().getLine(), "the section {#" + name
                    + "} is not allowed; templates may use " + String.join(", ", ALLOWED_SECTIONS.stream()
                    .sorted().map(allowed -> "{#" + allowed + "}").toList())));
            section.getBlocks().forEach(block -> nodes(block.nodes, scope));
        }
    }

    private void loop(SectionNode section, Map<String, Shape> scope) {
        SectionBlock main = section.getBlocks().get(0);
        Expression iterable = main.expressions.get("iterable");
        Shape shape = shape(iterable, scope);
        Map<String, Shape> inside = new HashMap<>(scope);
        if (shape instanceof ListOf list) {
            String alias = main.parameters.getOrDefault("alias", QUTE_EMPTY_PARAMETER);
            alias = alias.equals(QUTE_EMPTY_PARAMETER) ? LOOP_DEFAULT_ALIAS : alias;
            inside.put(alias, list.element());
            for (String metadata : TemplateVocabulary.LOOP_METADATA) {
                inside.put(alias + "_" + metadata, TemplateVocabulary.TEXT);
            }
        } else if (shape != null) {
            problem(iterable, "loops may only go over the view's own collections (project.phases, "
                    + "phase.deliverables), not over '" + iterable.toOriginalString() + "'");
        }
        nodes(main.nodes, inside);
        section.getBlocks().stream().skip(1).forEach(block -> nodes(block.nodes, scope));
    }

    /** What the expression leads to, or null when it is refused (and the reasons recorded). */
    private Shape shape(Expression expression, Map<String, Shape> scope) {
        if (expression.isLiteral()) {
            return TemplateVocabulary.TEXT;
        }
        List<Expression.Part> parts = expression.getParts();
        if (expression.hasNamespace()) {
            problem(expression, "the namespace '" + expression.getNamespace() + ":' is not available in templates");
            parameters(parts, 0, scope);
            return null;
        }
        Expression.Part first = parts.get(0);
        Shape shape = first.isVirtualMethod() ? null : scope.get(first.getName());
        if (shape == null) {
            problem(expression, "unknown variable '" + first.getName() + "'; templates of this kind may use "
                    + String.join(", ", scope.keySet().stream().filter(name -> !name.contains("_")).sorted().toList()));
            parameters(parts, 0, scope);
            return null;
        }
        for (int i = 1; i < parts.size(); i++) {
            Expression.Part part = parts.get(i);
            if (part.isVirtualMethod()) {
                if (!(shape instanceof Text) || !FALLBACK_METHODS.contains(part.getName())
                        || part.asVirtualMethod().getParameters().size() != 1) {
                    problem(expression, "the method call '" + part + "' is not allowed; only a fallback for an absent "
                            + "text value may be written, as 'or' / '?:' with a literal or a property");
                    parameters(parts, i, scope);
                    return null;
                }
                if (!fallback(part.asVirtualMethod().getParameters().get(0), scope)) {
                    return null;
                }
            } else if (UNESCAPED.contains(part.getName())) {
                problem(expression, "'" + part.getName() + "' output is refused: every value stays HTML-escaped");
                parameters(parts, i, scope);
                return null;
            } else {
                Property property = shape instanceof View view ? view.properties().get(part.getName()) : null;
                if (property == null) {
                    problem(expression, "unknown property '" + part.getName() + "'");
                    parameters(parts, i, scope);
                    return null;
                }
                shape = property.shape();
            }
        }
        return shape;
    }

    /** An {@code or} argument: a literal, or a path of properties to a text value. */
    private boolean fallback(Expression argument, Map<String, Shape> scope) {
        if (!argument.isLiteral() && argument.getParts().stream().anyMatch(Expression.Part::isVirtualMethod)
                && !argument.hasNamespace()) {
            problem(argument, "the argument of 'or' must be a literal or a property, not '"
                    + argument.toOriginalString() + "'");
            parameters(argument.getParts(), 0, scope);
            return false;
        }
        Shape shape = shape(argument, scope);
        if (shape != null && !(shape instanceof Text)) {
            problem(argument, "the argument of 'or' must be a text value, not '" + argument.toOriginalString() + "'");
            return false;
        }
        return shape != null;
    }

    /** Walks the arguments of every method from {@code from} on, so problems nested in refused calls are named too. */
    private void parameters(List<Expression.Part> parts, int from, Map<String, Shape> scope) {
        for (Expression.Part part : parts.subList(from, parts.size())) {
            if (part.isVirtualMethod()) {
                part.asVirtualMethod().getParameters().forEach(parameter -> shape(parameter, scope));
            }
        }
    }

    private void problem(Expression expression, String message) {
        problems.add(new TemplateProblem(part, expression.getOrigin().getLine(), message + " in {"
                + expression.toOriginalString() + "}"));
    }
}
