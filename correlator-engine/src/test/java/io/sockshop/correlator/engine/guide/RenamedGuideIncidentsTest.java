package io.sockshop.correlator.engine.guide;

import io.sockshop.correlator.engine.fixtures.Names;

/** The same incidents with every service, the queue, the namespace and the cluster renamed through another topology file. */
class RenamedGuideIncidentsTest extends GuideIncidentsTest {
    @Override
    Names names() {
        return Names.RENAMED;
    }
}
