package io.sockshop.correlator.api.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The token every request but health must carry as {@code Authorization: Bearer <token>}. From
 * {@code correlator.api.token} (env {@code CORRELATOR_API_TOKEN}) or a file such as a mounted secret,
 * {@code correlator.api.token-file} (env {@code CORRELATOR_API_TOKEN_FILE}). Only the {@code demo}
 * profile may run without one, and then the API is open.
 */
public final class BearerToken {

    public static final String TOKEN_SETTING = "correlator.api.token";
    public static final String TOKEN_FILE_SETTING = "correlator.api.token-file";
    private static final String PREFIX = "Bearer ";

    private final byte[] expected;

    private BearerToken(String token) {
        this.expected = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @throws IllegalStateException naming the setting, when no usable token is configured outside
     *                               the demo profile, or both settings are given, or the file is unreadable
     */
    public static BearerToken resolve(Optional<String> token, Optional<Path> file, boolean demo) {
        Optional<String> inline = token.map(String::trim).filter(t -> !t.isEmpty());
        if (inline.isPresent() && file.isPresent()) {
            throw new IllegalStateException(TOKEN_SETTING + " and " + TOKEN_FILE_SETTING
                    + " are both set (CORRELATOR_API_TOKEN, CORRELATOR_API_TOKEN_FILE): set one of them");
        }
        if (file.isPresent()) {
            String content;
            try {
                content = Files.readString(file.get(), StandardCharsets.UTF_8).trim();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(TOKEN_FILE_SETTING + " (CORRELATOR_API_TOKEN_FILE) names "
                        + file.get() + ", which cannot be read: " + e.getMessage());
            }
            if (content.isEmpty()) {
                throw new IllegalStateException(TOKEN_FILE_SETTING + " (CORRELATOR_API_TOKEN_FILE) names "
                        + file.get() + ", which is empty");
            }
            return new BearerToken(content);
        }
        if (inline.isPresent()) {
            return new BearerToken(inline.get());
        }
        if (demo) {
            return new BearerToken(null);
        }
        throw new IllegalStateException(TOKEN_SETTING + " is not set: set CORRELATOR_API_TOKEN, or "
                + "CORRELATOR_API_TOKEN_FILE to a file holding the token (a mounted secret). Only the demo profile"
                + " (QUARKUS_PROFILE=demo) runs without a token.");
    }

    /** False only in the demo profile without a token: every request is let through. */
    public boolean required() {
        return expected != null;
    }

    /** Constant-time comparison of the header's token with the configured one. */
    public boolean accepts(String authorizationHeader) {
        if (expected == null) {
            return true;
        }
        if (authorizationHeader == null || authorizationHeader.length() <= PREFIX.length()
                || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given = authorizationHeader.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }
}
