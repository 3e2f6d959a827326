package dev.replygate.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateLockFileTest {

    @TempDir
    Path folder;

    @Test
    void aWaitingTakerGetsTheLockOnceItsHolderLetsGo() throws Exception {
        Path file = folder.resolve("store.owner.lock");
        PrivateLockFile holder = PrivateLockFile.tryLock(file).orElseThrow();
        CompletableFuture<Optional<PrivateLockFile>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return PrivateLockFile.await(file, Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(waiting).as("while its holder has it").isNotDone();

        holder.close();

        Optional<PrivateLockFile> taken = waiting.get(60, TimeUnit.SECONDS);
        assertThat(taken).isPresent();
        assertThat(PrivateLockFile.tryLock(file)).as("while the waiter holds it").isEmpty();
        assertThat(ProcessLocks.holds(file)).isTrue();
        taken.get().close();
        assertThat(ProcessLocks.holds(file)).isFalse();
    }

    @Test
    void aTakerGivesUpOnceItsWaitIsOverAndTheHolderKeepsIt() throws Exception {
        Path file = folder.resolve("store.owner.lock");
        try (PrivateLockFile holder = PrivateLockFile.tryLock(file).orElseThrow()) {
            assertThat(PrivateLockFile.await(file, Duration.ofMillis(100))).isEmpty();
            assertThat(PrivateLockFile.tryLock(file)).isEmpty();
            assertThat(ProcessLocks.holds(file)).as("the holder's lock, after the others gave up").isTrue();
        }
    }
}
