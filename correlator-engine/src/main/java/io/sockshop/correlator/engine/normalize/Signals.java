package io.sockshop.correlator.engine.normalize;

import io.sockshop.correlator.engine.state.EvidenceRef;
import io.sockshop.correlator.model.finding.SourceType;

/** Helpers shared by the normalisers: evidence summaries as one printable line. */
final class Signals {

    private static final int SUMMARY_MAX = 240;
    private static final java.util.regex.Pattern ANSI = java.util.regex.Pattern.compile("\u001b\\[[0-9;]*m");

    private Signals() {
    }


    static EvidenceRef ref(long time, SourceType source, String text, String id) {
        return new EvidenceRef(time, source, oneLine(text), id);
    }

    /** One printable line: ANSI colour codes removed, cut at {@value #SUMMARY_MAX} characters. */
    static String oneLine(String text) {
        String clean = text.indexOf('\u001b') >= 0 ? ANSI.matcher(text).replaceAll("").strip() : text.strip();
        int nl = clean.indexOf('\n');
        if (nl >= 0) {
            clean = clean.substring(0, nl);
        }
        return clean.length() > SUMMARY_MAX ? clean.substring(0, SUMMARY_MAX) + "..." : clean;
    }
}
