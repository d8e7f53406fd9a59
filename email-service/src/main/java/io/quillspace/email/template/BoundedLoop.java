package io.quillspace.email.template;

import io.quarkus.qute.Expression;
import io.quarkus.qute.LoopSectionHelper;
import io.quarkus.qute.ResolutionContext;
import io.quarkus.qute.ResultNode;
import io.quarkus.qute.Scope;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionHelper;
import io.quarkus.qute.SectionHelper.SectionResolutionContext;
import io.quarkus.qute.SectionHelperFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Qute's {@code for}/{@code each} loop, charging every iteration to the render's {@link OutputBudget} as it completes.
 * Which collections a loop may iterate is the validator's business: the loop itself would count to any number.
 */
final class BoundedLoop implements SectionHelperFactory<SectionHelper> {

    private final LoopSectionHelper.Factory loop = new LoopSectionHelper.Factory(
            LoopSectionHelper.Factory.ITERATION_METADATA_PREFIX_ALIAS_UNDERSCORE);

    @Override
    public List<String> getDefaultAliases() {
        return loop.getDefaultAliases();
    }

    @Override
    public ParametersInfo getParameters() {
        return loop.getParameters();
    }

    @Override
    public List<String> getBlockLabels() {
        return loop.getBlockLabels();
    }

    @Override
    public Scope initializeBlock(Scope outer, BlockInfo block) {
        return loop.initializeBlock(outer, block);
    }

    @Override
    public SectionHelper initialize(SectionInitContext context) {
        LoopSectionHelper helper = loop.initialize(context);
        return section -> helper.resolve(new Charging(section));
    }

    /** The loop's view of its section: each block it executes (an iteration, or the else block) is charged. */
    private record Charging(SectionResolutionContext section) implements SectionResolutionContext {

        @Override
        public CompletionStage<ResultNode> execute(SectionBlock block, ResolutionContext context) {
            OutputBudget budget = (OutputBudget) context.getAttribute(OutputBudget.ATTRIBUTE);
            try {
                budget.checkNotExceeded();
            } catch (TemplateRenderException tooLarge) {
                return CompletableFuture.failedFuture(tooLarge);
            }
            long chargedAtStart = budget.charged();
            return section.execute(block, context).thenApply(result -> {
                budget.chargeIteration(result, chargedAtStart);
                return result;
            });
        }

        @Override
        public CompletionStage<Map<String, Object>> evaluate(Map<String, Expression> expressions) {
            return section.evaluate(expressions);
        }

        @Override
        public ResolutionContext resolutionContext() {
            return section.resolutionContext();
        }

        @Override
        public ResolutionContext newResolutionContext(Object data, Map<String, SectionBlock> extendingBlocks) {
            return section.newResolutionContext(data, extendingBlocks);
        }

        @Override
        public Map<String, Object> getParameters() {
            return section.getParameters();
        }
    }
}
