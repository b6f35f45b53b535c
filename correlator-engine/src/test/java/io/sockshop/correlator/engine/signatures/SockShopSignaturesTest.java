package io.sockshop.correlator.engine.signatures;

import io.sockshop.correlator.engine.fixtures.Names;

class SockShopSignaturesTest extends SignaturesTest {
    @Override
    Names names() {
        return Names.SOCK_SHOP;
    }
}
