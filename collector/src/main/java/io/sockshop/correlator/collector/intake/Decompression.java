package io.sockshop.correlator.collector.intake;

import com.github.luben.zstd.ZstdInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Request bodies as the Agent and Vector compress them: gzip, deflate, or zstd (the Agent's default in
 * recent versions; zstd-jni comes with datadog-api-client). Bounded: a body that inflates beyond
 * the limit is refused with 413 instead of filling the memory.
 */
final class Decompression {

    private Decompression() {
    }

    static byte[] decode(byte[] body, String contentEncoding, int maxBytes) throws IntakeException {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        }
        try (InputStream in = switch (encoding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
            case "zstd" -> new ZstdInputStream(new ByteArrayInputStream(body));
            default -> throw new IntakeException(415, "unsupported Content-Encoding '" + contentEncoding
                    + "': use gzip, deflate, zstd or none");
        }) {
            byte[] out = in.readNBytes(maxBytes + 1);
            if (out.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return out;
        } catch (IOException e) {
            throw new IntakeException(400, "body is not valid " + encoding + ": " + e.getMessage());
        }
    }

    private static IntakeException tooLarge(int maxBytes) {
        return new IntakeException(413, "payload larger than " + maxBytes + " bytes uncompressed");
    }
}
