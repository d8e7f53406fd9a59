package io.quillspace.booking;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quillspace.infra.testing.InfrastructureTestResource;

/** Every test of this module runs against one real PostgreSQL, broker and SMTP server, started once per test JVM. */
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "BOOKING"))
public class BookingTestInfrastructure {
}
