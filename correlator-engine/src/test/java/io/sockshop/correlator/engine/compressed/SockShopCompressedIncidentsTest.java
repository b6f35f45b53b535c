package io.sockshop.correlator.engine.compressed;

import io.sockshop.correlator.engine.fixtures.Names;

class SockShopCompressedIncidentsTest extends CompressedIncidentsTest {
    @Override
    Names names() {
        return Names.SOCK_SHOP;
    }
}
