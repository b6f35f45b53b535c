package io.sockshop.correlator.api.query;

import io.sockshop.correlator.api.state.IncidentStore;
import io.sockshop.correlator.model.finding.IncidentState;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The incident list with filters and keyset paging: newest opened first, ties by id. A page token
 * names the last incident of the previous page, so pages stay consistent while incidents change.
 */
public final class IncidentQuery {

    static final Comparator<IncidentState> NEWEST_FIRST = Comparator.comparing(IncidentState::openedAt)
            .reversed().thenComparing(IncidentState::incidentId);

    private final IncidentStore store;

    public IncidentQuery(IncidentStore store) {
        this.store = store;
    }

    public Optional<IncidentState> get(String incidentId) {
        return store.get(incidentId);
    }

    public IncidentPage list(IncidentFilter filter, int limit, PageToken after) {
        List<IncidentState> matching = store.all().stream().filter(filter::matches).sorted(NEWEST_FIRST).toList();
        List<IncidentState> rest = after == null ? matching
                : matching.stream().filter(s -> after.isBefore(s)).toList();
        List<IncidentState> page = rest.subList(0, Math.min(limit, rest.size()));
        String next = rest.size() > limit ? PageToken.after(page.get(page.size() - 1)).encode() : null;
        return new IncidentPage(page.stream().map(IncidentSummary::of).toList(), matching.size(), next);
    }

    /** The last incident of a page: opened at, and id. */
    public record PageToken(Instant openedAt, String incidentId) {

        static PageToken after(IncidentState state) {
            return new PageToken(state.openedAt(), state.incidentId());
        }

        /** Whether the incident sorts after this token (belongs to a later page). */
        boolean isBefore(IncidentState state) {
            int byTime = state.openedAt().compareTo(openedAt);
            return byTime < 0 || (byTime == 0 && state.incidentId().compareTo(incidentId) > 0);
        }

        public String encode() {
            String text = openedAt + "|" + incidentId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        /** @throws IllegalArgumentException when the token was not made by {@link #encode()} */
        public static PageToken parse(String token) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                if (bar <= 0 || bar == text.length() - 1) {
                    throw new IllegalArgumentException("malformed");
                }
                return new PageToken(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("is not a page token returned by this API");
            }
        }
    }
}
