package dev.blueprint.runtime.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Comparisons whose running time does not depend on the secrets compared: every byte of both values is read, and
 * a lookup compares the presented value with every candidate, whichever matches. The loops accumulate
 * differences with {@code |} and select the match without a branch; none exits early.
 *
 * <p>The comparisons are written over {@link Bytes}, an accessor, so that a test can count the bytes read.
 */
public final class ConstantTime {

    /** The length of a SHA-256 hash. */
    public static final int SHA256_BYTES = 32;

    /** Reads the byte at an index of a value. */
    @FunctionalInterface
    public interface Bytes {
        byte at(int index);
    }

    private ConstantTime() {}

    /** The SHA-256 of {@code text}'s UTF-8 bytes. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Whether {@code a} and {@code b} hold the same bytes; values of different lengths differ (lengths are not secret). */
    public static boolean equal(byte[] a, byte[] b) {
        if (a.length != b.length) return false;
        return equal(a.length, i -> a[i], i -> b[i]);
    }

    /** Whether the first {@code length} bytes of {@code a} and {@code b} are equal; reads all of them, always. */
    public static boolean equal(int length, Bytes a, Bytes b) {
        return difference(length, a, b) == 0;
    }

    /**
     * The index of the candidate equal to {@code presented}, or -1; every candidate is compared in full.
     * Candidates are distinct, so at most one matches.
     */
    public static int find(byte[] presented, List<byte[]> candidates) {
        for (byte[] candidate : candidates) {
            if (candidate.length != presented.length)
                throw new IllegalArgumentException("candidates must have the presented value's length");
        }
        return find(presented.length, i -> presented[i], candidates.size(), c -> {
            byte[] candidate = candidates.get(c);
            return i -> candidate[i];
        });
    }

    /**
     * The index of the candidate equal to {@code presented}, or -1, among {@code count} candidates of {@code length}
     * bytes each: reads every byte of every candidate, and as many bytes of {@code presented}.
     */
    public static int find(int length, Bytes presented, int count, IntFunction<Bytes> candidate) {
        int found = -1;
        for (int c = 0; c < count; c++) {
            int difference = difference(length, presented, candidate.apply(c));
            // all ones when the difference is 0 (it is within 0..255), else 0: the match is selected without a branch
            int match = (difference - 1) >> 31;
            found = (found & ~match) | (c & match);
        }
        return found;
    }

    private static int difference(int length, Bytes a, Bytes b) {
        int difference = 0;
        for (int i = 0; i < length; i++) difference |= (a.at(i) ^ b.at(i)) & 0xff;
        return difference;
    }
}
