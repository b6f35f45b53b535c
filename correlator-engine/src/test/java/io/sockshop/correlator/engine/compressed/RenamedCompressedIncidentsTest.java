package io.sockshop.correlator.engine.compressed;

import io.sockshop.correlator.engine.fixtures.Names;

/** The same compressed incidents with every service renamed through another topology file. */
class RenamedCompressedIncidentsTest extends CompressedIncidentsTest {
    @Override
    Names names() {
        return Names.RENAMED;
    }
}
