package dev.blueprint.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lsp.ide.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Under memory pressure the server drops what it can make again for closed files, and nothing else changes. */
class MemoryPressureTest {
    private static final String SERVICE =
            "service %s { }\nentity E { id: uuid @key  n: strng }\napi \"/\" { resource \"/e\" E }\n";

    @TempDir
    Path dir;

    @Test
    void aCollectionPastTheThresholdIsReported() throws Exception {
        CountDownLatch pressed = new CountDownLatch(1);
        try (MemoryPressure watch = MemoryPressure.watch(1e-9, pressed::countDown)) {
            byte[][] garbage = new byte[64][];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = new byte[1 << 16];
            }
            System.gc(); // what survives it is past a threshold of one byte
            assertThat(pressed.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(garbage[0]).isNotNull();
        }
    }

    @Test
    void trimmingDropsTheAnalysesOfClosedProgramsOnly() throws Exception {
        Path closed = dir.resolve("closed.blueprint").toAbsolutePath().normalize();
        Path opened = dir.resolve("open.blueprint").toAbsolutePath().normalize();
        Files.writeString(closed, SERVICE.formatted("Closed"));
        Files.writeString(opened, SERVICE.formatted("Open"));
        Workspace workspace = new Workspace((root, e) -> {
            throw new AssertionError(e);
        });
        workspace.scan(dir);
        workspace.open(opened, SERVICE.formatted("Open"));
        Snapshot snap = workspace.snapshot();
        Analysis closedBefore = snap.analysisOfRoot(closed);
        Analysis openBefore = snap.analysisOfRoot(opened);

        workspace.trim();

        assertThat(workspace.snapshot()).isSameAs(snap);
        assertThat(snap.analysisOfRoot(opened)).isSameAs(openBefore);
        Analysis closedAfter = snap.analysisOfRoot(closed);
        assertThat(closedAfter).isNotSameAs(closedBefore);
        assertThat(closedAfter.diagnostics()).isEqualTo(closedBefore.diagnostics());
    }
}
