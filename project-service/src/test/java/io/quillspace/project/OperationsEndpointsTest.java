package io.quillspace.project;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.OperationsEndpointsContract;

@QuarkusTest
class OperationsEndpointsTest extends OperationsEndpointsContract {

    @Override
    protected boolean hasDatabase() {
        return true;
    }
}
