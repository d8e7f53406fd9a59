package io.quillspace.ingress;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quillspace.infra.testing.InfrastructureTestResource;

/** Every test of this module runs against one real broker, started once per test JVM. */
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "WEBHOOK_INGRESS"))
public class IngressTestInfrastructure {
}
