package io.sockshop.correlator.sandbox.datadog;

import io.sockshop.correlator.sandbox.logs.LogEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The part of Datadog's log search syntax the sandbox understands: {@code key:value} facets and
 * tags (a trailing {@code *} matches a prefix), {@code -} to negate, quoted phrases and bare words
 * matched in the message, implicit AND. Anything else is refused with the reason, as Datadog refuses
 * a query it cannot parse, rather than matched wrongly.
 */
public final class LogQuery {

    private final List<Predicate<LogEvent>> terms;

    private LogQuery(List<Predicate<LogEvent>> terms) {
        this.terms = terms;
    }

    public static LogQuery parse(String query) {
        List<Predicate<LogEvent>> terms = new ArrayList<>();
        if (query == null || query.isBlank() || query.trim().equals("*")) {
            return new LogQuery(terms);
        }
        for (String token : tokenize(query)) {
            if (token.equals("AND")) {
                continue;
            }
            if (token.equals("OR") || token.equals("NOT") || token.startsWith("(") || token.endsWith(")")) {
                throw new IllegalArgumentException("unsupported query syntax '" + token
                        + "': the sandbox understands facets (key:value), negation (-key:value), phrases and words, joined by AND");
            }
            boolean negate = token.startsWith("-");
            String body = negate ? token.substring(1) : token;
            Predicate<LogEvent> term = term(body);
            terms.add(negate ? term.negate() : term);
        }
        return new LogQuery(terms);
    }

    public boolean matches(LogEvent event) {
        for (Predicate<LogEvent> term : terms) {
            if (!term.test(event)) {
                return false;
            }
        }
        return true;
    }

    private static Predicate<LogEvent> term(String body) {
        if (body.startsWith("\"") && body.endsWith("\"") && body.length() >= 2) {
            String phrase = body.substring(1, body.length() - 1).toLowerCase(Locale.ROOT);
            return e -> e.message().toLowerCase(Locale.ROOT).contains(phrase);
        }
        int colon = body.indexOf(':');
        if (colon <= 0) {
            String word = body.toLowerCase(Locale.ROOT);
            return e -> e.message().toLowerCase(Locale.ROOT).contains(word);
        }
        String key = body.substring(0, colon);
        String value = unquote(body.substring(colon + 1));
        return switch (key) {
            case "service" -> e -> valueMatches(e.service(), value);
            case "status" -> e -> valueMatches(e.status(), value);
            case "host" -> e -> valueMatches(e.host(), value);
            default -> e -> e.tags().stream().anyMatch(tag -> tag.startsWith(key + ":")
                    && valueMatches(tag.substring(key.length() + 1), value));
        };
    }

    private static boolean valueMatches(String actual, String pattern) {
        if (actual == null) {
            return false;
        }
        return pattern.endsWith("*") ? actual.startsWith(pattern.substring(0, pattern.length() - 1)) : actual.equals(pattern);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    private static List<String> tokenize(String query) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : query.trim().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced quote in query '" + query + "'");
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
