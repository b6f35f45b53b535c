package io.sockshop.correlator.engine.guide;

import io.sockshop.correlator.engine.fixtures.Names;

/** The guide's incidents on the shipped Sock Shop topology and the real names. */
class SockShopGuideIncidentsTest extends GuideIncidentsTest {
    @Override
    Names names() {
        return Names.SOCK_SHOP;
    }
}
