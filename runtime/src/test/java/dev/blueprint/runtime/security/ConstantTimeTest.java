package dev.blueprint.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comparisons read every byte of every value, whatever the values hold: the tests count the reads, so an
 * implementation that stops at the first differing byte, or at the first matching client, fails them.
 */
class ConstantTimeTest {

    /** A value whose reads are counted. */
    private static final class Counted implements ConstantTime.Bytes {
        private final byte[] bytes;
        int reads;
        final boolean[] read;

        Counted(byte[] bytes) {
            this.bytes = bytes.clone();
            this.read = new boolean[bytes.length];
        }

        @Override
        public byte at(int index) {
            reads++;
            read[index] = true;
            return bytes[index];
        }

        boolean readAll() {
            for (boolean b : read) {
                if (!b) return false;
            }
            return true;
        }
    }

    private static byte[] hash(String text) {
        return ConstantTime.sha256(text);
    }

    @Test
    void sha256IsTheStandardDigestOfTheUtf8Bytes() {
        assertThat(HexFormat.of().formatHex(hash("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hash("")).hasSize(ConstantTime.SHA256_BYTES);
    }

    @Test
    void equalComparesValues() {
        assertThat(ConstantTime.equal(hash("a"), hash("a"))).isTrue();
        assertThat(ConstantTime.equal(hash("a"), hash("b"))).isFalse();
        assertThat(ConstantTime.equal(new byte[] {1, 2}, new byte[] {1, 2, 3})).isFalse();
        byte[] last = hash("a");
        byte[] other = last.clone();
        other[31] ^= 1;
        assertThat(ConstantTime.equal(last, other)).isFalse();
        other = last.clone();
        other[0] ^= (byte) 0x80;
        assertThat(ConstantTime.equal(last, other)).isFalse();
    }

    @Test
    void equalReadsEveryByteEvenWhenTheFirstDiffers() {
        byte[] a = hash("key-one");
        byte[] b = a.clone();
        b[0] ^= (byte) 0xff;
        Counted left = new Counted(a);
        Counted right = new Counted(b);
        assertThat(ConstantTime.equal(a.length, left, right)).isFalse();
        assertThat(left.reads).isEqualTo(32);
        assertThat(right.reads).isEqualTo(32);
        assertThat(left.readAll()).isTrue();
        assertThat(right.readAll()).isTrue();
    }

    @Test
    void equalReadsAsManyBytesWhateverTheValuesHold() {
        byte[] a = hash("key");
        List<Integer> reads = new ArrayList<>();
        for (int differing = 0; differing < 32; differing++) {
            byte[] b = a.clone();
            b[differing] ^= 1;
            Counted left = new Counted(a);
            Counted right = new Counted(b);
            ConstantTime.equal(32, left, right);
            reads.add(left.reads + right.reads);
        }
        Counted left = new Counted(a);
        Counted right = new Counted(a);
        assertThat(ConstantTime.equal(32, left, right)).isTrue();
        reads.add(left.reads + right.reads);
        assertThat(reads).containsOnly(64);
    }

    @Test
    void findReturnsTheMatchingCandidate() {
        List<byte[]> clients = List.of(hash("k0"), hash("k1"), hash("k2"), hash("k3"));
        assertThat(ConstantTime.find(hash("k0"), clients)).isEqualTo(0);
        assertThat(ConstantTime.find(hash("k2"), clients)).isEqualTo(2);
        assertThat(ConstantTime.find(hash("k3"), clients)).isEqualTo(3);
        assertThat(ConstantTime.find(hash("nope"), clients)).isEqualTo(-1);
        assertThat(ConstantTime.find(hash("k0"), List.of())).isEqualTo(-1);
    }

    @Test
    void findComparesWithEveryCandidateInFullWhicheverMatches() {
        List<byte[]> hashes = List.of(hash("k0"), hash("k1"), hash("k2"), hash("k3"), hash("k4"));
        for (String presented : List.of("k0", "k2", "k4", "unknown")) {
            List<Counted> candidates = hashes.stream().map(Counted::new).toList();
            Counted given = new Counted(hash(presented));
            int found = ConstantTime.find(32, given, candidates.size(), candidates::get);
            assertThat(found).isEqualTo(presented.equals("unknown") ? -1 : Integer.parseInt(presented.substring(1)));
            for (Counted candidate : candidates) {
                assertThat(candidate.reads)
                        .as("bytes read of each candidate when %s is presented", presented)
                        .isEqualTo(32);
                assertThat(candidate.readAll()).isTrue();
            }
            assertThat(given.reads).isEqualTo(32 * hashes.size());
        }
    }
}
