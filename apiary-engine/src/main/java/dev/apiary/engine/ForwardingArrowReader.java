package dev.apiary.engine;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An {@link ArrowReader} that reads through another one, can report the rows read so far, and when
 * closed runs a close action exactly once. Streams handed across the C data interface may be closed
 * by several owners (the consumer's release callback, a writer that closes its input, the owner's
 * own clean-up); the readers behind them must see one close only.
 */
public final class ForwardingArrowReader extends ArrowReader {
  private final ArrowReader delegate;
  private final LongConsumer progress;
  private final AutoCloseable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private long rows;

  private ForwardingArrowReader(
      BufferAllocator allocator,
      ArrowReader delegate,
      LongConsumer progress,
      AutoCloseable onClose) {
    super(allocator);
    this.delegate = delegate;
    this.progress = progress;
    this.onClose = onClose;
  }

  /** Reports the rows read so far after every batch; closing closes the delegate once. */
  public static ForwardingArrowReader counting(
      BufferAllocator allocator, ArrowReader delegate, LongConsumer progress) {
    return new ForwardingArrowReader(allocator, delegate, progress, delegate);
  }

  /** Runs {@code onClose} (once) instead of closing the delegate directly. */
  public static ForwardingArrowReader closing(
      BufferAllocator allocator, ArrowReader delegate, AutoCloseable onClose) {
    return new ForwardingArrowReader(allocator, delegate, rows -> {}, onClose);
  }

  @Override
  public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
    return delegate.getVectorSchemaRoot();
  }

  @Override
  public Map<Long, Dictionary> getDictionaryVectors() throws IOException {
    return delegate.getDictionaryVectors();
  }

  @Override
  public Dictionary lookup(long id) {
    return delegate.lookup(id);
  }

  @Override
  public Set<Long> getDictionaryIds() {
    return delegate.getDictionaryIds();
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    boolean loaded = delegate.loadNextBatch();
    if (loaded) {
      rows += delegate.getVectorSchemaRoot().getRowCount();
      progress.accept(rows);
    }
    return loaded;
  }

  @Override
  public long bytesRead() {
    return delegate.bytesRead();
  }

  @Override
  public void close() throws IOException {
    close(true);
  }

  @Override
  public void close(boolean closeReadSource) throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      onClose.close();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("Closing the stream failed: " + e.getMessage(), e);
    }
  }

  @Override
  protected void closeReadSource() {
    // close(boolean) closes the delegate; nothing of this reader's own to close.
  }

  @Override
  protected Schema readSchema() throws IOException {
    return delegate.getVectorSchemaRoot().getSchema();
  }
}
