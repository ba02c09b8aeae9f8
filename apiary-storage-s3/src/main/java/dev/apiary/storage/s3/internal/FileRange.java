package dev.apiary.storage.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * A byte range of a local file as a request body that streams from disk and can be re-read for a
 * retry (each {@link #newStream()} opens the file again), so multipart parts are never held in
 * memory.
 */
record FileRange(Path file, long offset, long length) implements ContentStreamProvider {

  @Override
  public InputStream newStream() {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(offset);
      return new BoundedStream(Channels.newInputStream(channel), length);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " from offset " + offset, e);
    }
  }

  /** Reads at most {@code remaining} bytes of a stream and closes it. */
  private static final class BoundedStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedStream(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int read = in.read(buffer, off, (int) Math.min(len, remaining));
      if (read > 0) {
        remaining -= read;
      }
      return read;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
