package dev.replygate.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
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
        FileChannel holder = PrivateLockFile.tryLock(file).orElseThrow();
        CompletableFuture<Optional<FileChannel>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return PrivateLockFile.lockWithin(file, Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(waiting).as("while its holder has it").isNotDone();

        holder.close();

        Optional<FileChannel> taken = waiting.get(60, TimeUnit.SECONDS);
        assertThat(taken).isPresent();
        assertThat(PrivateLockFile.tryLock(file)).as("while the waiter holds it").isEmpty();
        taken.get().close();
    }

    @Test
    void aTakerGivesUpOnceItsWaitIsOver() throws Exception {
        Path file = folder.resolve("store.owner.lock");
        try (FileChannel holder = PrivateLockFile.tryLock(file).orElseThrow()) {
            assertThat(PrivateLockFile.lockWithin(file, Duration.ofMillis(100))).isEmpty();
            assertThat(PrivateLockFile.tryLock(file)).isEmpty();
            assertThat(holder.isOpen()).isTrue();
        }
    }
}
