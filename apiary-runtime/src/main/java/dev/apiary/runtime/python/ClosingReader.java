package dev.apiary.runtime.python;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An {@link ArrowReader} that reads through another one and, when closed, runs a close action
 * exactly once. Streams that cross to Python may be closed by several owners (the consumer's
 * release callback, a writer that closes its input, the bridge's own clean-up); the readers behind
 * them must see one close only.
 */
final class ClosingReader extends ArrowReader {
  private final ArrowReader delegate;
  private final AutoCloseable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  ClosingReader(BufferAllocator allocator, ArrowReader delegate, AutoCloseable onClose) {
    super(allocator);
    this.delegate = delegate;
    this.onClose = onClose;
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
    return delegate.loadNextBatch();
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
