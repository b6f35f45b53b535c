package io.sockshop.correlator.engine.signatures;

import io.sockshop.correlator.engine.fixtures.Names;

class RenamedSignaturesTest extends SignaturesTest {
    @Override
    Names names() {
        return Names.RENAMED;
    }
}
