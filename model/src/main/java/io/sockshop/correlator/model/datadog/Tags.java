package io.sockshop.correlator.model.datadog;

import java.util.List;
import java.util.Optional;

/** Datadog {@code key:value} tags. A tag list may hold duplicates and bare tags without a colon. */
public final class Tags {

    private Tags() {
    }

    /** The value of the first {@code key:value} tag with that key. */
    public static Optional<String> value(List<String> tags, String key) {
        int keyLength = key.length();
        for (String tag : tags) {
            if (tag.length() > keyLength && tag.charAt(keyLength) == ':' && tag.startsWith(key)) {
                return Optional.of(tag.substring(keyLength + 1));
            }
        }
        return Optional.empty();
    }
}
