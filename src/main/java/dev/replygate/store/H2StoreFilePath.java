package dev.replygate.store;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * H2's file layer for replygate's H2 file stores (its scheme is put in the URL by {@link JdbcUrls}): the one
 * place where H2 opens a store's data file ({@code .mv.db}), however it came to open it: the daemon or a
 * command starting, a command whose server (the daemon) was killed and that H2 reconnects by opening the file
 * ({@code AUTO_RECONNECT}), or H2 taking a dead server's lock file over while a command was connecting to it.
 * <p>
 * Opening the data file to write takes the store's {@link H2FileOwnerLock} and, when this process did not hold
 * it yet, recovers the file ({@link H2CrashRecovery}) before H2 has the channel; the lock is held until that
 * channel is closed, after H2's last write. While another process holds it the file is refused: a process that
 * did not recover the file never opens it. Every other file (the lock file, the trace, temporary files) and
 * a read-only open are H2's own.
 */
public class H2StoreFilePath extends FilePathWrapper {

    static final String SCHEME = "replygate";
    private static final String DATA_FILE_SUFFIX = ".mv.db";

    /** H2 makes one for each path by reflection. */
    public H2StoreFilePath() {
        // the path and the file it wraps are set by FilePathWrapper
    }

    /** Lets H2 find the schemes; call before H2 reads a URL that names them. */
    static void register() {
        Registered.once();
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        if (!name.endsWith(DATA_FILE_SUFFIX)) {
            return super.open(mode);
        }
        return openDataFile(mode, database());
    }

    FileChannel openDataFile(String mode, Path database) throws IOException {
        if ("r".equals(mode)) {
            return super.open(mode); // reads only: nothing to recover, nothing it could rewrite
        }
        H2FileOwnerLock.take(database, H2StoreFilePath::recover);
        FileChannel channel;
        try {
            channel = super.open(mode);
        } catch (IOException | RuntimeException e) {
            H2FileOwnerLock.release(database);
            throw e;
        }
        return new OwnedChannel(channel, database);
    }

    private static void recover(Path database) {
        if (OpenLock.isHeldInThisProcess(database)) {
            H2CrashRecovery.recover(database); // this process is opening or closing it, under the lock
            return;
        }
        OpenLock lock = OpenLock.acquire(database);
        try {
            H2CrashRecovery.recover(database);
        } finally {
            lock.close();
        }
    }

    /** The store's path without extension, as {@link JdbcUrls#h2FilePath} gives it. */
    private Path database() {
        String file = getBase().toString();
        return Path.of(file.substring(0, file.length() - DATA_FILE_SUFFIX.length())).toAbsolutePath().normalize();
    }

    /**
     * The scheme of a store read through the server of the process that has it open ({@code explain}): its data
     * file is never opened here, not even when that process ends while this one connects (H2 would take its lock
     * file over and open the file itself).
     */
    public static final class ServedOnly extends H2StoreFilePath {

        static final String SCHEME = "replygate-served";

        /** H2 makes one for each path by reflection. */
        public ServedOnly() {
            // the path and the file it wraps are set by FilePathWrapper
        }

        @Override
        public String getScheme() {
            return SCHEME;
        }

        @Override
        FileChannel openDataFile(String mode, Path database) throws IOException {
            throw new IOException("the store " + database + " is read through the server of the process that has"
                    + " it open, and that process has ended: it is not opened here");
        }
    }

    private static final class Registered {

        static {
            FilePath.register(new H2StoreFilePath());
            FilePath.register(new ServedOnly());
        }

        private Registered() {
        }

        static void once() {
            // the class initializer registers them, once
        }
    }

    /** H2's channel to the data file; closing it lets the store's owner lock go. */
    private static final class OwnedChannel extends FileChannel {

        private final FileChannel file;
        private final Path database;

        OwnedChannel(FileChannel file, Path database) {
            this.file = file;
            this.database = database;
        }

        @Override
        protected void implCloseChannel() throws IOException {
            try {
                file.close();
            } finally {
                H2FileOwnerLock.release(database);
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return file.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return file.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return file.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return file.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }
    }
}
