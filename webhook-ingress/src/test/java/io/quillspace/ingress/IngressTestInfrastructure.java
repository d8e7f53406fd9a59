package io.quillspace.ingress;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quillspace.infra.testing.InfrastructureTestResource;

/**
 * Every test of this module runs against one real broker and PostgreSQL, and one Calendly API stand-in, started once
 * per test JVM.
 */
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "WEBHOOK_INGRESS"))
@WithTestResource(value = CalendlyApiTestResource.class, scope = TestResourceScope.GLOBAL)
public class IngressTestInfrastructure {
}
