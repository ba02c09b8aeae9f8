package dev.apiary.engine.internal;

import java.io.IOException;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/** Passes another reader's batches through and reports the rows seen so far. */
public final class CountingArrowReader extends ArrowReader {
  private final ArrowReader delegate;
  private final LongConsumer progress;
  private long rows;
  private boolean closed;

  public CountingArrowReader(
      BufferAllocator allocator, ArrowReader delegate, LongConsumer progress) {
    super(allocator);
    this.delegate = delegate;
    this.progress = progress;
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
  protected void closeReadSource() throws IOException {
    // An exported stream closes its reader when the consumer releases it; the owner may close it
    // again afterwards, and the delegate must see only one close.
    if (!closed) {
      closed = true;
      delegate.close();
    }
  }

  @Override
  protected Schema readSchema() throws IOException {
    return delegate.getVectorSchemaRoot().getSchema();
  }
}
